package org.peermarket.platform;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Optional;

/** What a participant may do (docs/platform.md#roles). A participant may hold several roles. */
public enum Role implements RouteRole {
    PEER("peer"), COMMUNITY_MANAGER("community_manager"), DSO("dso"), AGGREGATOR("aggregator"), ADMIN("admin");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Role> of(String label) {
        return Arrays.stream(values()).filter(r -> r.label.equals(label)).findFirst();
    }
}
