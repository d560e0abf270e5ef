package org.peermarket.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code service} key of a scenario (docs/scenario-format.md#service). */
final class ServiceSection {
    private final FieldReader r;

    ServiceSection(FieldReader r) {
        this.r = r;
    }

    /** The service, or empty without the key; {@code ids}: the scenario's peer ids. */
    Optional<ServiceSpec> read(JsonNode node, List<String> ids, int periods, double kwhPerUnit) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            r.fail("service", node, "must be a mapping such as {volume: 3, direction: up, offers: {p1: 10}}");
            return Optional.empty();
        }
        r.unknownKeys(node, "service", Set.of("volume", "direction", "periods", "offers", "trade_cost"));
        Double volume = r.checked(node.get("volume"), "service.volume", true);
        if (volume != null && volume == 0) {
            r.fail("service.volume", node.get("volume"), "must be > 0");
        }
        String direction = r.requiredText(node, "direction", "service.direction");
        if (direction != null && !direction.equals("up") && !direction.equals("down")) {
            r.fail("service.direction", node.get("direction"), "must be up or down");
        }
        List<Integer> when = periods(node.get("periods"), periods);
        List<ServiceSpec.Offer> offers = offers(node.get("offers"), ids, kwhPerUnit);
        double tradeCost = 0;
        if (node.has("trade_cost")) {
            Double t = r.checked(node.get("trade_cost"), "service.trade_cost", true);
            tradeCost = t == null ? 0 : t / kwhPerUnit;
        }
        if (volume == null || direction == null) {
            return Optional.empty();
        }
        return Optional.of(new ServiceSpec(volume * kwhPerUnit, direction, when, offers, tradeCost));
    }

    private List<Integer> periods(JsonNode node, int periods) {
        List<Integer> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            for (int t = 0; t < periods; t++) {
                out.add(t);
            }
            return out;
        }
        if (!node.isArray() || node.isEmpty()) {
            r.fail("service.periods", node, "must be a non-empty list of period numbers such as [1, 2]");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            if (!p.isIntegralNumber() || p.asInt() < 1 || p.asInt() > periods) {
                r.fail("service.periods[" + i + "]", p, "must be a period number from 1 to " + periods);
            } else if (out.contains(p.asInt() - 1)) {
                r.fail("service.periods[" + i + "]", p, "is listed twice");
            } else {
                out.add(p.asInt() - 1);
            }
        }
        return out;
    }

    private List<ServiceSpec.Offer> offers(JsonNode node, List<String> ids, double kwhPerUnit) {
        List<ServiceSpec.Offer> out = new ArrayList<>();
        if (node == null || !node.isObject() || node.isEmpty()) {
            r.fail("service.offers", node, "must be a non-empty mapping of peer id to capacity price, e.g. {p1: 10}");
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "service.offers." + e.getKey();
            if (!ids.contains(e.getKey())) {
                r.fail(path, null, "no such peer");
                continue;
            }
            Double price = r.checked(e.getValue(), path, true);
            if (price != null) {
                out.add(new ServiceSpec.Offer(e.getKey(), price / kwhPerUnit));
            }
        }
        return out;
    }
}
