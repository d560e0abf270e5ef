package org.peermarket.platform;

import org.peermarket.ledger.VerifyingKey;
import java.util.Set;

/** A registered participant: its roles, its Ed25519 public key (decoded once, for the checks), and the bus it is connected at (may be null). */
public record Participant(String id, Set<Role> roles, VerifyingKey publicKey, String publicKeyText, String bus) {

    public Participant {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role r) {
        return roles.contains(r);
    }
}
