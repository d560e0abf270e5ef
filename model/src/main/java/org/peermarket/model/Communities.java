package org.peermarket.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario's communities with each member's preferences about the outside world
 * ({@code w_imp}, {@code w_exp} per kWh, default 0) and, for a hybrid market, the outside grid
 * as an agent of the root market. Empty for a market without communities. In kWh.
 */
public record Communities(List<Community> list, Map<String, Double> wImp, Map<String, Double> wExp,
                          Optional<Outside> outside) {
    public static final Communities NONE = new Communities(List.of(), Map.of(), Map.of(), Optional.empty());

    public Communities {
        list = List.copyOf(list);
        wImp = Map.copyOf(wImp);
        wExp = Map.copyOf(wExp);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public double wImp(String peer) {
        return wImp.getOrDefault(peer, 0.0);
    }

    public double wExp(String peer) {
        return wExp.getOrDefault(peer, 0.0);
    }

    /** The community whose id this is, if any. */
    public Optional<Community> byId(String id) {
        return list.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The community that lists {@code member} (a peer or community id), if any. */
    public Optional<Community> parentOf(String member) {
        return list.stream().filter(c -> c.members().contains(member)).findFirst();
    }

    /**
     * The outside grid or retailer in the root of a hybrid market: sells at {@code importPrice},
     * buys at {@code exportPrice}, each up to its cap per period.
     */
    public record Outside(PeriodValues importPrice, PeriodValues exportPrice, PeriodValues importCap,
                          PeriodValues exportCap) {
        public static final String ID = "outside";
    }
}
