package org.peermarket.platform;

import java.security.PublicKey;
import java.util.Set;

/** A registered participant: its roles, its Ed25519 public key, and the bus it is connected at (may be null). */
public record Participant(String id, Set<Role> roles, PublicKey publicKey, String publicKeyText, String bus) {

    public Participant {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role r) {
        return roles.contains(r);
    }
}
