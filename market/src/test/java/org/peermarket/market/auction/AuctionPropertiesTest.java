package org.peermarket.market.auction;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peermarket.market.AuctionResult;
import org.peermarket.market.Trade;
import org.peermarket.market.solver.Loading;
import org.peermarket.model.AuctionSpec.Pricing;
import org.peermarket.model.AuctionSpec.Ties;
import org.peermarket.model.OrderEntry.Side;

/**
 * The periodic auction on random divisible books (one order per peer), against an LP solved
 * by GLOP: max sum b_i x_i - sum s_j y_j, sum x = sum y, 0 <= x_i, y_j <= q. The uniform
 * and pay-as-bid auctions must reach the LP's optimum (they are efficient); McAfee may lose
 * some of it but never runs a deficit. The uniform price must be an equilibrium: every filled
 * order is willing at it, every order left with something unfilled is not eager to trade more.
 */
class AuctionPropertiesTest {

    record Book(List<String> ids, List<OrderEvent> events, int buyers) {}

    static Book random(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int buyers = 1 + rnd.nextInt(12);
        int sellers = 1 + rnd.nextInt(12);
        List<String> ids = new ArrayList<>();
        List<OrderEvent> events = new ArrayList<>();
        for (int n = 0; n < buyers + sellers; n++) {
            ids.add("t" + n);
            double q = 0.5 + rnd.nextInt(40) / 4.0;
            double price = rnd.nextInt(30) / 2.0;      // coarse: equal prices happen often
            events.add(OrderEvent.limit(rnd.nextInt(5), n, n, n < buyers ? Side.BUY : Side.SELL, q, price));
        }
        return new Book(ids, events, buyers);
    }

    static double lpWelfare(Book b) {
        Loading.ensure();
        MPSolver lp = MPSolver.createSolver("GLOP");
        MPConstraint balance = lp.makeConstraint(0, 0);
        MPObjective gains = lp.objective();
        for (OrderEvent e : b.events()) {
            MPVariable v = lp.makeNumVar(0, e.quantity(), "o" + e.order());
            gains.setCoefficient(v, e.buy() ? e.price() : -e.price());
            balance.setCoefficient(v, e.buy() ? 1 : -1);
        }
        gains.setMaximization();
        assertThat(lp.solve()).isEqualTo(MPSolver.ResultStatus.OPTIMAL);
        double value = gains.value();
        lp.delete();
        return value;
    }

    static AuctionResult clear(Book b, Pricing pricing, Ties ties) {
        return new PeriodicAuction(pricing).clear(new AuctionInput(b.ids(), b.events(),
                PeriodicAuctionTest.rules(pricing, 0.5, ties, 3)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void efficientBalancedAndAnEquilibrium(long seed) {
        Book b = random(seed);
        double best = lpWelfare(b);
        double tol = 1e-9 * (1 + Math.abs(best));
        for (Ties ties : Ties.values()) {
            for (Pricing pricing : Pricing.values()) {
                AuctionResult r = clear(b, pricing, ties);
                double[] p = r.result().p();
                assertThat(java.util.Arrays.stream(p).sum()).as("bought = sold").isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
                double welfare = -r.result().objective();
                if (pricing == Pricing.MCAFEE) {
                    assertThat(welfare).isLessThanOrEqualTo(best + tol);
                    assertThat(r.auctioneerSurplus()).isGreaterThanOrEqualTo(-1e-12);
                } else {
                    assertThat(welfare).as("%s %s: welfare vs LP", pricing, ties).isCloseTo(best, org.assertj.core.data.Offset.offset(tol));
                }
                assertIndividuallyRational(b, r);
                if (pricing == Pricing.UNIFORM) {
                    assertEquilibrium(b, r);
                }
            }
        }
    }

    /** Nobody trades beyond its order or on worse terms than its limit. */
    static void assertIndividuallyRational(Book b, AuctionResult r) {
        double[] p = r.result().p();
        for (OrderEvent e : b.events()) {
            double traded = e.buy() ? -p[e.peer()] : p[e.peer()];
            assertThat(traded).isBetween(-1e-9, e.quantity() + 1e-9);
        }
        for (Trade t : r.result().trades()) {
            OrderEvent buyer = b.events().get(t.buyer());
            OrderEvent seller = b.events().get(t.seller());
            assertThat(t.price() + t.charge()).isLessThanOrEqualTo(buyer.price() + 1e-12);
            assertThat(t.price()).isGreaterThanOrEqualTo(seller.price() - 1e-12);
        }
    }

    /** At the uniform price, a buyer left wanting has a limit <= price, a seller left over >= price. */
    static void assertEquilibrium(Book b, AuctionResult r) {
        double price = r.clearingPrice();
        if (Double.isNaN(price)) {
            assertThat(r.result().trades()).isEmpty();
            return;
        }
        double[] p = r.result().p();
        for (OrderEvent e : b.events()) {
            double traded = e.buy() ? -p[e.peer()] : p[e.peer()];
            if (traded < e.quantity() - 1e-9) {
                assertThat(e.buy() ? e.price() <= price + 1e-12 : e.price() >= price - 1e-12)
                        .as("order %s left with %s unfilled at price %s", e, e.quantity() - traded, price).isTrue();
            }
        }
    }
}
