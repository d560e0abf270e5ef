package org.peermarket.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code vpp} section of a scenario (docs/vpp.md); prices per kWh, caps in kWh. */
final class VppSection {
    private static final Set<String> KEYS = Set.of("community", "balancing_price", "cap");

    private final FieldReader r;

    VppSection(FieldReader reader) {
        this.r = reader;
    }

    Optional<VppSpec> read(JsonNode node, double kwhPerUnit, Communities communities, String marketType) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            r.fail("vpp", node, "must be a mapping such as {community: street, balancing_price: [0, 0.4]}");
            return Optional.empty();
        }
        r.unknownKeys(node, "vpp", KEYS);
        String community = r.requiredText(node, "community", "vpp.community");
        if (community != null && communities.byId(community).isEmpty()) {
            r.fail("vpp.community", node.get("community"), "is not a community id");
        }
        if (!marketType.equals("community")) {
            r.fail("vpp", null, "needs market.type community (market.type is " + marketType + ")");
        }
        PeriodValues price = r.series(node.get("balancing_price"), "vpp.balancing_price", null, true);
        PeriodValues cap = r.series(node.get("cap"), "vpp.cap", Double.POSITIVE_INFINITY, true);
        if (community == null || price == null || cap == null) {
            return Optional.empty();
        }
        return Optional.of(new VppSpec(community, price.scaled(1 / kwhPerUnit), cap.scaled(kwhPerUnit)));
    }
}
