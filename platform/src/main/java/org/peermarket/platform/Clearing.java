package org.peermarket.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.peermarket.market.AuctionResult;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.HorizonGrid;
import org.peermarket.market.dso.ConstrainedP2P;
import org.peermarket.market.Trade;
import org.peermarket.market.TradeGraph;
import org.peermarket.model.AuctionSpec;
import org.peermarket.model.Communities;
import org.peermarket.model.Cost;
import org.peermarket.model.DsoSpec;
import org.peermarket.model.MarketSpec;
import org.peermarket.model.OrderEntry;
import org.peermarket.model.OrderEntry.Side;
import org.peermarket.model.Peer;
import org.peermarket.model.PeriodValues;
import org.peermarket.model.Scenario;
import org.peermarket.model.Units;
import org.peermarket.study.pipeline.LineLimits;
import org.peermarket.study.pipeline.Phase;
import org.peermarket.study.pipeline.Pipeline;
import org.peermarket.study.pipeline.RunInput;

/**
 * Gate-closure clearing of one delivery period through the run pipeline's DSO and clearing phases
 * ({@link Pipeline#clearPeriod}; docs/pipeline.md, docs/platform.md#gate-closure-and-clearing). The live book is a
 * scenario of one period: every price-quantity point of every live order is one tranche, and each tranche is one
 * peer, with its order listed, so the market's registered mechanism returns its matches per order:
 * <ul>
 * <li>an order-based mechanism ({@code auction/*}) clears the listed orders, each tranche a limit order at its
 * price, time priority by order id;</li>
 * <li>a cost-based one ({@code p2p/*}) clears each tranche as a peer with the linear cost C(p) = price p (a = 0), a
 * seller with 0 &lt;= p &lt;= quantity, a buyer with -quantity &lt;= p &lt;= 0, trading with every tranche of the
 * other side held by another participant (markets.md section 1); each such pair may trade both ways, as ADMM
 * requires, the buyer-to-seller way with a charge of 1e-4 per kWh.</li>
 * </ul>
 * The platform's DSO judge ({@link Grid}) shapes that program with the study's policy functions: block refuses
 * pairs (graph) and matches (filter), incentive and charge reshape the graph, constrained gives the line limits. In
 * auctions a participant never trades with itself and a match smaller than either order's minimum quantity is
 * refused (the mechanism's acceptance rule, markets.md section 5).
 */
final class Clearing {

    /** A match between two orders. */
    record Fill(long sellerOrder, long buyerOrder, double quantity, double price, double charge) {
        /** A match without a grid charge. */
        Fill(long sellerOrder, long buyerOrder, double quantity, double price) {
            this(sellerOrder, buyerOrder, quantity, price, 0);
        }
    }

    /** Why a match of an order was refused (visible to the order's owner). */
    record Refusal(long order, String reason) {}

    /**
     * A period's clearing; {@code congestion} is the constrained policy's line duals and congestion components
     * ({@link CompiledGrid#congestion}), null otherwise; {@code phases} the pipeline phases of its gate closure
     * (none when the book was empty).
     */
    record Outcome(String status, List<Fill> fills, List<Refusal> refusals, Map<String, Object> congestion, List<Phase> phases) {
        Outcome(String status, List<Fill> fills) {
            this(status, fills, List.of());
        }

        Outcome(String status, List<Fill> fills, List<Refusal> refusals) {
            this(status, fills, refusals, null);
        }

        Outcome(String status, List<Fill> fills, List<Refusal> refusals, Map<String, Object> congestion) {
            this(status, fills, refusals, congestion, List.of());
        }

        /** The same outcome with the pipeline phases its gate closure runs. */
        Outcome through(List<Phase> ran) {
            return new Outcome(status, fills, refusals, congestion, List.copyOf(ran));
        }
    }

    /** The DSO's judgement of matches, from the participants' buses; {@link #NONE} without a grid. */
    interface Grid {
        Grid NONE = (sellerOrder, buyerOrder) -> null;

        /** The DSO's policy, which names the pipeline's DSO phase; none without a grid. */
        default Optional<DsoSpec> dso() {
            return Optional.empty();
        }

        /** Null to accept a match between these orders, else the reason. */
        String refusal(Order seller, Order buyer);

        /** The P2P trading graph after the policy's incentives or charges; owners.get(n) holds peer n. */
        default TradeGraph shape(TradeGraph g, List<Order> owners) {
            return g;
        }

        /** The line rows of the constrained policy, or null. */
        default Constrained constrained() {
            return null;
        }

        /** The DSO's part in a program cleared as one (a community's pool), owners.get(n) holding member n. */
        default Optional<HorizonGrid> horizon(List<Order> owners) {
            return Optional.empty();
        }
    }

    /** The constrained policy: the P2P market cleared with every line's rating as rows (markets.md section 6). */
    interface Constrained {
        /** The line limits with each tranche at its owner's bus; owners.get(n) holds peer n. */
        LineLimits limits(List<Order> owners);

        Map<String, Object> congestion(ConstrainedP2P.Result r);
    }

    record Tranche(Order order, double quantity, double price) {}

    /** Charge per kWh on the buyer-to-seller direction of a P2P pair (never worth using). */
    static final double REVERSE_CHARGE = 1e-4; // 1e-7 left GLOP with MPSOLVER_ABNORMAL

    private Clearing() {}

    static Outcome clear(String mechanism, List<Order> live) {
        return clear(mechanism, live, Grid.NONE);
    }

    static Outcome clear(String mechanism, List<Order> live, Grid grid) {
        List<Tranche> tranches = new ArrayList<>();
        for (Order o : live) {
            for (Order.Point p : o.points()) {
                tranches.add(new Tranche(o, p.quantity(), p.price()));
            }
        }
        if (tranches.isEmpty()) {
            return new Outcome("cleared", List.of());
        }
        Scenario period = period(mechanism, tranches, grid);
        List<Order> owners = tranches.stream().map(Tranche::order).toList();
        Set<Refusal> refused = new LinkedHashSet<>();
        boolean bothWays = RunInput.mechanism(period).negotiates();
        Constrained lines = grid.constrained();
        Pipeline.Gate gate = Pipeline.clearPeriod(period, () -> graph(tranches, grid, bothWays, refused),
                () -> (seller, buyer, q) -> refusal(tranches.get(seller).order(), tranches.get(buyer).order(), q, grid),
                lines == null ? Optional.empty() : Optional.of(lines.limits(owners)));
        return read(gate.clearing(), tranches, refused, lines).through(gate.phases());
    }

    /** The period's matches from what the mechanism answered: an auction's, a constrained or a plain P2P result. */
    private static Outcome read(org.peermarket.study.pipeline.Clearing c, List<Tranche> tranches, Set<Refusal> refused,
                                Constrained lines) {
        if (!c.cleared().auctions().isEmpty()) {
            return auction(c.cleared().auctions().get(0), tranches);
        }
        if (!c.constrained().isEmpty()) {
            return constrained(c.constrained().get(0), tranches, refused, lines);
        }
        return outcome(c.cleared().periods().get(0), tranches, refused, null);
    }

    /** The auction's rules live: the market's pricing, k = 1/2, time priority, never a gate inside the period. */
    private static final AuctionSpec RULES = new AuctionSpec(AuctionSpec.DEFAULT.pricing(), 0.5, AuctionSpec.Ties.TIME, 0, 10,
            false, PeriodValues.constant(Double.POSITIVE_INFINITY));

    /**
     * The live book as a scenario of one period: each tranche a peer with its linear cost and bounds, and a listed
     * limit order at time = its position; the market's DSO policy. The period's length reaches the clearing only
     * through the line limits' MW factor, which the judge gives, so it is one hour here.
     */
    static Scenario period(String mechanism, List<Tranche> tranches, Grid grid) {
        String[] name = mechanism.split("/", 2);
        List<Peer> peers = new ArrayList<>();
        List<OrderEntry> orders = new ArrayList<>();
        for (int i = 0; i < tranches.size(); i++) {
            Tranche t = tranches.get(i);
            String id = t.order().id() + "#" + i;
            boolean buy = t.order().buy();
            Cost cost = new Cost(PeriodValues.constant(0), PeriodValues.constant(t.price()), 0);
            peers.add(new Peer(id, OptionalInt.empty(), cost, PeriodValues.constant(buy ? -t.quantity() : 0),
                    PeriodValues.constant(buy ? 0 : t.quantity()), Map.of(), Optional.empty()));
            orders.add(new OrderEntry(id, OrderEntry.Action.SUBMIT, null, id, buy ? Side.BUY : Side.SELL, OrderEntry.Kind.LIMIT,
                    t.quantity(), t.price(), i, 1));
        }
        MarketSpec market = new MarketSpec(name[0], name[1], withPricing(RULES, mechanism));
        return new Scenario("live", "one live period of a " + mechanism + " market", 1, 1, Units.DEFAULT, market, peers, orders,
                Optional.empty(), Communities.NONE, Map.of(), grid.dso(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static Outcome auction(AuctionResult r, List<Tranche> tranches) {
        Set<Refusal> refused = new LinkedHashSet<>();
        for (var x : r.rejected()) {
            if (x.seller() >= 0) {
                refused.add(new Refusal(tranches.get(x.seller()).order().id(), x.reason()));
            }
            if (x.buyer() >= 0) {
                refused.add(new Refusal(tranches.get(x.buyer()).order().id(), x.reason()));
            }
        }
        return new Outcome(r.result().status().name().toLowerCase(java.util.Locale.ROOT), fills(r.result().trades(), tranches, false),
                List.copyOf(refused));
    }

    private static AuctionSpec withPricing(AuctionSpec s, String name) {
        AuctionSpec.Pricing pricing = s.pricing();
        for (AuctionSpec.Pricing p : AuctionSpec.Pricing.values()) {
            if (name.equals("auction/" + p.label())) {
                pricing = p;
            }
        }
        return new AuctionSpec(pricing, s.k(), s.ties(), s.seed(), s.steps(), s.compare(), s.gate());
    }

    static String refusal(Order seller, Order buyer, double q, Grid grid) {
        if (seller.participant().equals(buyer.participant())) {
            return "self-trade";
        }
        if (q < seller.minQuantity() - 1e-12 || q < buyer.minQuantity() - 1e-12) {
            return "below an order's minimum quantity";
        }
        return grid.refusal(seller, buyer);
    }

    /**
     * The P2P trading graph of the tranches after the DSO's policy, with the tranche pairs the block policy refused
     * added to {@code refused}; {@code bothWays}: the mechanism negotiates each pair both ways (ADMM).
     */
    private static TradeGraph graph(List<Tranche> tranches, Grid grid, boolean bothWays, Set<Refusal> refused) {
        int n = tranches.size();
        TradeGraph.Builder g = TradeGraph.builder(n);
        List<Boolean> reverse = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < n; k++) {
                Order seller = tranches.get(s).order();
                Order buyer = tranches.get(k).order();
                if (seller.buy() || !buyer.buy() || seller.participant().equals(buyer.participant())) {
                    continue;
                }
                // the DSO's block policy removes each direction that loads an at-risk line from the
                // trading graph (as the study's DsoStage); checking the reverse direction too keeps a
                // chain of allowed trades from adding up to a blocked one (effects add along it).
                // ADMM negotiates pairs both ways, so there a pair goes when either way is blocked.
                String why = grid.refusal(seller, buyer);
                String reverseWhy = grid.refusal(buyer, seller);
                if (bothWays && why == null) {
                    why = reverseWhy;
                }
                if (why != null) {
                    refused.add(new Refusal(seller.id(), why));
                    refused.add(new Refusal(buyer.id(), why));
                } else {
                    g.add(s, k, 0, 0, 0);
                    reverse.add(false);
                }
                if (reverseWhy == null && (why == null || !bothWays)) {
                    // the reverse direction exists because ADMM negotiates pairs both ways; a tiny
                    // charge on it (added after the policy's) keeps zero-cost trading cycles out of the optimum
                    g.add(k, s, 0, 0, 0);
                    reverse.add(true);
                }
            }
        }
        List<Order> owners = tranches.stream().map(Tranche::order).toList();
        return withReverseCharge(grid.shape(g.build(), owners), reverse);
    }

    /** A period cleared with the line limits inside: trades at nodal prices, the congestion published. */
    private static Outcome constrained(ConstrainedP2P.Result r, List<Tranche> tranches, Set<Refusal> refused, Constrained lines) {
        if (!r.clearing().hasResult()) {
            return outcome(r.clearing(), tranches, refused, null);
        }
        Outcome o = outcome(r.clearing(), tranches, refused, lines.congestion(r));
        return new Outcome(o.status(), atNodalPrices(r.clearing().trades(), r.congestion(), tranches), o.refusals(), o.congestion());
    }

    /**
     * Constrained trades at nodal prices (docs/platform.md#dso-policy): the seller receives its energy price plus its
     * congestion component, lambda_ij + kappa_i (never below its ask), the buyer pays its own nodal price, and the
     * difference kappa_j - kappa_i per kWh, the congestion rent, is a grid charge to the DSO.
     */
    private static List<Fill> atNodalPrices(List<Trade> trades, double[] kappa, List<Tranche> tranches) {
        List<Trade> priced = new ArrayList<>();
        for (Trade t : trades) {
            double rent = kappa[t.buyer()] - kappa[t.seller()];
            double charge = t.charge() + (Math.abs(rent) < 1e-9 ? 0 : rent);
            priced.add(new Trade(t.seller(), t.buyer(), t.quantity(), t.price() + kappa[t.seller()], charge));
        }
        return fills(priced, tranches, true);
    }

    private static TradeGraph withReverseCharge(TradeGraph g, List<Boolean> reverse) {
        double[] c = new double[g.edges()];
        for (int e = 0; e < c.length; e++) {
            c[e] = g.charge(e) + (reverse.get(e) ? REVERSE_CHARGE : 0);
        }
        return g.withCharges(c);
    }

    private static Outcome outcome(ClearingResult r, List<Tranche> tranches, Set<Refusal> refused,
                                   Map<String, Object> congestion) {
        String status = r.status().name().toLowerCase(java.util.Locale.ROOT);
        return new Outcome(status, r.hasResult() ? fills(r.trades(), tranches, true) : List.of(), List.copyOf(refused), congestion);
    }

    /**
     * The matches of a clearing; {@code charges}: keep each trade's g_ij (the DSO's grid charge of a P2P market;
     * an auction's trade charge, McAfee's margin, is not billed live).
     */
    private static List<Fill> fills(List<Trade> trades, List<Tranche> tranches, boolean charges) {
        List<Fill> out = new ArrayList<>();
        for (Trade t : trades) {
            // only sell orders sell: a negotiated reverse trade is rounding noise within tolerance
            if (t.quantity() > 1e-9 && !tranches.get(t.seller()).order().buy()) {
                out.add(new Fill(tranches.get(t.seller()).order().id(), tranches.get(t.buyer()).order().id(), t.quantity(), t.price(),
                        charges ? t.charge() : 0));
            }
        }
        return out;
    }
}
