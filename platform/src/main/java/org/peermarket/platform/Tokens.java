package org.peermarket.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.peermarket.ledger.Hashes;

/**
 * API tokens: 256 random bits, base64url, shown once; only their SHA-256 is stored. A token
 * this long needs no slow hash: guessing it is as hard as guessing the 256 bits.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String hash(String token) {
        return Hashes.hex(Hashes.sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time comparison of two hex hashes. */
    public static boolean same(String hashA, String hashB) {
        return MessageDigest.isEqual(hashA.getBytes(StandardCharsets.US_ASCII), hashB.getBytes(StandardCharsets.US_ASCII));
    }
}
