package org.peermarket.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated scenario. Every quantity is held in kWh and every price per kWh, whatever the
 * file said; {@code units} remembers the file's units so that results can be written back in it.
 * {@code tariff} (the retailer's prices) and {@code sharing} (how a community's gain is shared)
 * are used by the settlement (docs/settlement.md, docs/profit-sharing.md).
 */
public record Scenario(
        String name,
        String description,
        int periods,
        double periodHours,
        Units units,
        MarketSpec market,
        List<Peer> peers,
        List<OrderEntry> orders,
        Optional<GridSpec> grid,
        Communities communities,
        Map<String, Storage> storage,
        Optional<DsoSpec> dso,
        Optional<StudySpec> study,
        Optional<Tariff> tariff,
        Optional<SharingSpec> sharing,
        Optional<VppSpec> vpp,
        Optional<ServiceSpec> service,
        Optional<HeatSpec> heat, Optional<MeteringSpec> metering) {

    public Scenario {
        peers = List.copyOf(peers);
        orders = List.copyOf(orders);
        communities = communities == null ? Communities.NONE : communities;
        storage = storage == null ? Map.of() : Map.copyOf(storage);
        dso = dso == null ? Optional.empty() : dso;
        study = study == null ? Optional.empty() : study;
        tariff = tariff == null ? Optional.empty() : tariff;
        sharing = sharing == null ? Optional.empty() : sharing;
        vpp = vpp == null ? Optional.empty() : vpp;
        service = service == null ? Optional.empty() : service;
        heat = heat == null ? Optional.empty() : heat;
        metering = metering == null ? Optional.empty() : metering;
    }

    /** A scenario without a heat market or metering. */
    public Scenario(String name, String description, int periods, double periodHours, Units units, MarketSpec market,
                    List<Peer> peers, List<OrderEntry> orders, Optional<GridSpec> grid, Communities communities,
                    Map<String, Storage> storage, Optional<DsoSpec> dso, Optional<StudySpec> study,
                    Optional<Tariff> tariff, Optional<SharingSpec> sharing, Optional<VppSpec> vpp,
                    Optional<ServiceSpec> service) {
        this(name, description, periods, periodHours, units, market, peers, orders, grid, communities, storage, dso,
                study, tariff, sharing, vpp, service, Optional.empty(), Optional.empty());
    }

    /** A scenario without an explicit service. */
    public Scenario(String name, String description, int periods, double periodHours, Units units, MarketSpec market,
                    List<Peer> peers, List<OrderEntry> orders, Optional<GridSpec> grid, Communities communities,
                    Map<String, Storage> storage, Optional<DsoSpec> dso, Optional<StudySpec> study,
                    Optional<Tariff> tariff, Optional<SharingSpec> sharing, Optional<VppSpec> vpp) {
        this(name, description, periods, periodHours, units, market, peers, orders, grid, communities, storage, dso,
                study, tariff, sharing, vpp, Optional.empty());
    }

    /** A scenario without communities, storage, DSO policy, study, tariff, sharing or VPP. */
    public Scenario(String name, String description, int periods, double periodHours, Units units, MarketSpec market,
                    List<Peer> peers, List<OrderEntry> orders, Optional<GridSpec> grid) {
        this(name, description, periods, periodHours, units, market, peers, orders, grid, Communities.NONE, Map.of());
    }

    /** A scenario with communities and storage only. */
    public Scenario(String name, String description, int periods, double periodHours, Units units, MarketSpec market,
                    List<Peer> peers, List<OrderEntry> orders, Optional<GridSpec> grid, Communities communities,
                    Map<String, Storage> storage) {
        this(name, description, periods, periodHours, units, market, peers, orders, grid, communities, storage,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** True when a peer has storage: the periods are coupled and clear jointly (markets.md §4). */
    public boolean hasStorage() {
        return !storage.isEmpty();
    }

    /** The same scenario with another DSO policy (or none). */
    public Scenario withDso(Optional<DsoSpec> policy) {
        return new Scenario(name, description, periods, periodHours, units, market, peers, orders, grid, communities, storage,
                policy, study, tariff, sharing, vpp, service, heat, metering);
    }

    /** The same scenario with other peers. */
    public Scenario withPeers(List<Peer> newPeers) {
        return new Scenario(name, description, periods, periodHours, units, market, newPeers, orders, grid, communities,
                storage, dso, study, tariff, sharing, vpp, service, heat, metering);
    }

    /** A scenario without an order list or a grid. */
    public Scenario(String name, String description, int periods, double periodHours, Units units, MarketSpec market,
                    List<Peer> peers) {
        this(name, description, periods, periodHours, units, market, peers, List.of(), Optional.empty());
    }

    /**
     * Periods from .. from + length - 1 as a scenario of their own, for a rolling horizon: the
     * peers' and managers' per-period values cut to the window, storage starting at
     * {@code socStart} (NaN: free) and ending at {@code socEnd} (NaN: cyclic) per peer id.
     * Tariff, sharing and the rest stay with the whole horizon, not the window.
     */
    public Scenario window(int from, int length, Map<String, double[]> socStartEnd) {
        List<Peer> cut = peers.stream().map(p -> new Peer(p.id(), p.bus(),
                new Cost(p.cost().a().slice(from, length), p.cost().b().slice(from, length), p.cost().d()),
                p.pmin().slice(from, length), p.pmax().slice(from, length), p.prefs(), p.partners())).toList();
        List<Community> cs = communities.list().stream().map(c -> new Community(c.id(), c.members(),
                c.manager().slice(from, length), c.prefs())).toList();
        Communities com = new Communities(cs, communities.wImp(), communities.wExp(), communities.outside());
        Map<String, Storage> st = new java.util.LinkedHashMap<>();
        storage.forEach((id, x) -> {
            double[] ends = socStartEnd.get(id);
            st.put(id, x.window(from, length, ends[0], ends[1]));
        });
        return new Scenario(name, description, length, periodHours, units, market.withWindow(0), cut, List.of(), grid, com,
                st, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Each peer's index by id, for callers that look up many ids (peerIndex is a linear scan). */
    public Map<String, Integer> indexById() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < peers.size(); i++) {
            index.put(peers.get(i).id(), i);
        }
        return index;
    }

    public int peerIndex(String id) {
        for (int i = 0; i < peers.size(); i++) {
            if (peers.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether peers i and j may trade: a pair may trade if either lists the other, and a peer
     * without a partner list lists everyone.
     */
    public boolean mayTrade(int i, int j) {
        if (i == j) {
            return false;
        }
        Peer a = peers.get(i);
        Peer b = peers.get(j);
        boolean aOpen = a.partners().isEmpty();
        boolean bOpen = b.partners().isEmpty();
        return aOpen || bOpen || a.lists(b.id()) || b.lists(a.id());
    }
}
