package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bills from the settlement module against amounts worked out by hand. */
class SettlementBillsTest {

    private static TradeRow trade(String seller, String buyer, double q, double price) {
        return new TradeRow(0, "m", 3, 1, 2, seller, buyer, q, price, 0);
    }

    @Test
    void billsAreInCentsBalanceAndShowTheRoundingResidual() {
        // a -> b 1/3 kWh at 0.10: exact 0.0333..., billed 3 cents
        // a -> c 2.5 kWh at 0.125: exact 0.3125, half-even 31 cents
        // c -> b 1 kWh at 0.205: exact 0.205 (binary just below), 20 cents
        var settled = new SettlementBills().settle("m", 3, List.of(trade("a", "b", 1.0 / 3, 0.10),
                trade("a", "c", 2.5, 0.125), trade("c", "b", 1, 0.205)));
        assertThat(settled.bills()).extracting(Bill::participant).containsExactly("a", "b", "c");
        Bill a = settled.bills().get(0);
        Bill b = settled.bills().get(1);
        Bill c = settled.bills().get(2);
        assertThat(a.received()).isEqualTo(0.34);
        assertThat(a.paid()).isEqualTo(0.0);
        assertThat(a.sold()).isCloseTo(1.0 / 3 + 2.5, within(1e-12));
        assertThat(b.paid()).isEqualTo(0.23);
        assertThat(b.bought()).isCloseTo(1.0 / 3 + 1, within(1e-12));
        assertThat(c.paid()).isEqualTo(0.31);
        assertThat(c.received()).isEqualTo(0.20);
        // residual = exact net - billed net
        assertThat(a.residual()).isCloseTo(1.0 / 30 + 0.3125 - 0.34, within(1e-12));
        assertThat(b.residual()).isCloseTo(-(1.0 / 30 + 0.205) + 0.23, within(1e-12));
        assertThat(c.residual()).isCloseTo(0.205 - 0.3125 - (0.20 - 0.31), within(1e-12));
        long total = settled.bills().stream().mapToLong(x -> Math.round(x.net() * 100)).sum();
        assertThat(total).isZero();
        assertThat(settled.bills().stream().mapToDouble(Bill::residual).sum()).isCloseTo(0, within(1e-12));
        assertThat(settled.transactions()).hasSize(3);
        assertThat(settled.transactions().get(1)).containsEntry("payer", "c").containsEntry("payee", "a")
                .containsEntry("cents", 31L).containsEntry("type", "energy_trade");
    }

    @Test
    void gridChargesArePaidByTheBuyerToTheDsoAccount() {
        // a -> b 3 kWh at 0.10 with a grid charge of 0.01: 30 cents to a, 3 to the DSO;
        // c -> b 1/3 kWh at 0.12 with 0.02: exact 4 cents to c, 0.667 -> 1 cent to the DSO; a -> c without a charge
        TradeRow t1 = new TradeRow(0, "m", 3, 1, 2, "a", "b", 3, 0.10, 0, 0.01);
        TradeRow t2 = new TradeRow(1, "m", 3, 3, 2, "c", "b", 1.0 / 3, 0.12, 0, 0.02);
        var settled = new SettlementBills().settle("m", 3, List.of(t1, t2, trade("a", "c", 1, 0.05)));
        assertThat(settled.bills()).extracting(Bill::participant).containsExactly("a", "b", "c", "dso");
        Bill b = settled.bills().get(1);
        Bill dso = settled.bills().get(3);
        assertThat(b.bought()).isCloseTo(3 + 1.0 / 3, within(1e-12)); // charges are not energy
        assertThat(b.paid()).isEqualTo(0.38); // 30 + 4 + 3 + 1
        assertThat(b.gridCharges()).isEqualTo(0.04);
        assertThat(dso.received()).isEqualTo(0.04);
        assertThat(dso.gridCharges()).isEqualTo(0.04);
        assertThat(dso.bought()).isZero();
        assertThat(dso.sold()).isZero();
        assertThat(settled.bills().get(0).gridCharges()).isZero();
        assertThat(settled.bills().stream().mapToLong(x -> Math.round(x.net() * 100)).sum()).isZero();
        assertThat(settled.transactions()).filteredOn(t -> t.get("type").equals("grid_charge"))
                .extracting(t -> t.get("payer") + ">" + t.get("payee") + ":" + t.get("cents"))
                .containsExactly("b>dso:3", "b>dso:1");
    }

    @Test
    void noTradesNoBills() {
        assertThat(new SettlementBills().settle("m", 0, List.of()).bills()).isEmpty();
    }

    @Test
    void centsBeyondALongThrowInsteadOfWrappingRound() {
        // each trade 4e16 kWh at 1.00: 4e18 cents, within a long (9.22e18); b's three purchases
        // sum to 1.2e19 cents, beyond it. Wrapped round they would read as -6.4e18.
        List<TradeRow> trades = List.of(trade("a", "b", 4e16, 1), trade("a", "b", 4e16, 1), trade("a", "b", 4e16, 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SettlementBills().settle("m", 3, trades))
                .isInstanceOf(ArithmeticException.class);
        // one amount beyond a long's cents: named with its value
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SettlementBills().settle("m", 3, List.of(trade("a", "b", 1e300, 0.1))))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("1.0E299").hasMessageContaining("beyond whole cents");
    }
}
