package org.peermarket.settlement;

/**
 * One payment: {@code payer} pays {@code payee} {@code cents} for {@code quantity} kWh at
 * {@code price} per kWh in {@code period} (0-based). {@code exact} is quantity x price before
 * rounding; cents is it rounded half-even (a negative amount flows from payee to payer).
 */
public record Transaction(int period, TransactionType type, Actor payer, Actor payee, double quantity, double price,
                          double exact, long cents) {

    /** A payment of quantity x price, rounded to the cent. */
    public static Transaction of(int period, TransactionType type, Actor payer, Actor payee, double quantity, double price) {
        double exact = quantity * price;
        return new Transaction(period, type, payer, payee, quantity, price, exact, Money.cents(exact));
    }

    /** The payment as a settlement ledger entry lists it: type, payer, payee, quantity, price, cents (docs/ledger.md). */
    public java.util.Map<String, Object> row() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("type", type.label());
        m.put("payer", payer.id());
        m.put("payee", payee.id());
        m.put("quantity", quantity);
        m.put("price", price);
        m.put("cents", cents);
        return m;
    }
}
