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
}
