package org.peermarket.market;

import java.util.Arrays;

/**
 * The directed trading graph omega of markets.md section 1: one edge e = (seller, buyer) per
 * allowed direction, with the seller's and the buyer's preference costs and the charge g.
 * Trade cost c_e = prefSeller + prefBuyer + charge. Arrays are never exposed for writing.
 */
public final class TradeGraph {
    private final int peers;
    private final int[] seller;
    private final int[] buyer;
    private final double[] prefSeller;
    private final double[] prefBuyer;
    private final double[] charge;

    private TradeGraph(int peers, int[] seller, int[] buyer, double[] prefSeller, double[] prefBuyer, double[] charge) {
        this.peers = peers;
        this.seller = seller;
        this.buyer = buyer;
        this.prefSeller = prefSeller;
        this.prefBuyer = prefBuyer;
        this.charge = charge;
    }

    public int peers() {
        return peers;
    }

    public int edges() {
        return seller.length;
    }

    public int seller(int e) {
        return seller[e];
    }

    public int buyer(int e) {
        return buyer[e];
    }

    /** pref[seller][buyer]: what the seller adds to its price for trading with this buyer. */
    public double prefSeller(int e) {
        return prefSeller[e];
    }

    /** pref[buyer][seller]. */
    public double prefBuyer(int e) {
        return prefBuyer[e];
    }

    /** g_ij per unit, paid by the buyer on top of the seller's price, to the DSO. */
    public double charge(int e) {
        return charge[e];
    }

    public double cost(int e) {
        return prefSeller[e] + prefBuyer[e] + charge[e];
    }

    public boolean anyNegativeCost() {
        for (int e = 0; e < edges(); e++) {
            if (cost(e) < 0) {
                return true;
            }
        }
        return false;
    }

    /** Same edges with new charges g (one per edge). */
    public TradeGraph withCharges(double[] g) {
        if (g.length != edges()) {
            throw new IllegalArgumentException("one charge per edge is needed: " + g.length + " != " + edges());
        }
        return new TradeGraph(peers, seller, buyer, prefSeller, prefBuyer, g.clone());
    }

    /** The edges e with keep[e], in order (a DSO blocking some pairs). */
    public TradeGraph keep(boolean[] keep) {
        if (keep.length != edges()) {
            throw new IllegalArgumentException("one flag per edge is needed: " + keep.length + " != " + edges());
        }
        Builder b = builder(peers);
        for (int e = 0; e < edges(); e++) {
            if (keep[e]) {
                b.add(seller[e], buyer[e], prefSeller[e], prefBuyer[e], charge[e]);
            }
        }
        return b.build();
    }

    /** Same edges with every trade cost c_e (both preferences and the charge) multiplied by factor[e] >= 0. */
    public TradeGraph scaled(double[] factor) {
        if (factor.length != edges()) {
            throw new IllegalArgumentException("one factor per edge is needed: " + factor.length + " != " + edges());
        }
        double[] ps = new double[edges()];
        double[] pb = new double[edges()];
        double[] g = new double[edges()];
        for (int e = 0; e < edges(); e++) {
            if (!(factor[e] >= 0)) {
                throw new IllegalArgumentException("factor must be >= 0: " + factor[e]);
            }
            ps[e] = prefSeller[e] * factor[e];
            pb[e] = prefBuyer[e] * factor[e];
            g[e] = charge[e] * factor[e];
        }
        return new TradeGraph(peers, seller, buyer, ps, pb, g);
    }

    public static Builder builder(int peers) {
        return new Builder(peers);
    }

    /** Collects edges; both directions of a pair are separate edges. */
    public static final class Builder {
        private final int peers;
        private int size;
        private int[] seller = new int[16];
        private int[] buyer = new int[16];
        private double[] prefSeller = new double[16];
        private double[] prefBuyer = new double[16];
        private double[] charge = new double[16];

        private Builder(int peers) {
            this.peers = peers;
        }

        public Builder add(int from, int to, double prefFrom, double prefTo, double g) {
            if (from == to || from < 0 || to < 0 || from >= peers || to >= peers) {
                throw new IllegalArgumentException("bad edge " + from + " -> " + to + " among " + peers + " peers");
            }
            if (size == seller.length) {
                int n = size * 2;
                seller = Arrays.copyOf(seller, n);
                buyer = Arrays.copyOf(buyer, n);
                prefSeller = Arrays.copyOf(prefSeller, n);
                prefBuyer = Arrays.copyOf(prefBuyer, n);
                charge = Arrays.copyOf(charge, n);
            }
            seller[size] = from;
            buyer[size] = to;
            prefSeller[size] = prefFrom;
            prefBuyer[size] = prefTo;
            charge[size] = g;
            size++;
            return this;
        }

        /** Adds i -> j and j -> i with the two peers' preferences and no charge. */
        public Builder addPair(int i, int j, double prefIJ, double prefJI) {
            add(i, j, prefIJ, prefJI, 0);
            return add(j, i, prefJI, prefIJ, 0);
        }

        public TradeGraph build() {
            return new TradeGraph(peers, Arrays.copyOf(seller, size), Arrays.copyOf(buyer, size),
                    Arrays.copyOf(prefSeller, size), Arrays.copyOf(prefBuyer, size), Arrays.copyOf(charge, size));
        }
    }
}
