package org.peermarket.ledger;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key decoded once for verifying with BouncyCastle's lightweight API (the
 * point is decompressed here, not per check). Built from the JDK key that the X.509 text decodes
 * to, so the keys accepted are the JDK's; no JCA provider is involved in a check.
 */
public final class VerifyingKey {
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQ, SEQ{OID 1.3.101.112}, BIT STRING of 32 bytes. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final PublicKey jdk;
    /** Null for a key whose point is not on the curve: no signature verifies with it. */
    private final Ed25519PublicKeyParameters bc;

    private VerifyingKey(PublicKey jdk, Ed25519PublicKeyParameters bc) {
        this.jdk = jdk;
        this.bc = bc;
    }

    /** IllegalArgumentException when the key is not an Ed25519 key on the curve. */
    public static VerifyingKey of(PublicKey key) {
        return new VerifyingKey(key, new Ed25519PublicKeyParameters(raw(key)));
    }

    /**
     * A key as stored before keys were checked for the curve (the JDK accepts any 32 bytes): one
     * off the curve is kept, and verifies no signature, as with the JDK, rather than stopping a
     * start-up that loads it.
     */
    public static VerifyingKey lenient(PublicKey key) {
        byte[] raw = raw(key);
        try {
            return new VerifyingKey(key, new Ed25519PublicKeyParameters(raw));
        } catch (IllegalArgumentException e) {
            return new VerifyingKey(key, null);
        }
    }

    /** False for a key kept by {@link #lenient} whose point is not on the curve. */
    public boolean onCurve() {
        return bc != null;
    }

    /** The 32 key bytes of an Ed25519 key's X.509 encoding (RFC 8032 section 5.1.5). */
    static byte[] raw(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der == null || der.length != X509_PREFIX.length + Ed25519.PUBLIC_KEY_SIZE
                || !Arrays.equals(der, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an X.509 Ed25519 public key");
        }
        return Arrays.copyOfRange(der, X509_PREFIX.length, der.length);
    }

    public PublicKey publicKey() {
        return jdk;
    }

    /** True when {@code signature} (base64 of 64 bytes) is this key's signature of the text's UTF-8 bytes. */
    public boolean verifies(String text, String signature) {
        byte[] sig;
        try {
            sig = signature == null ? null : Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return sig != null && sig.length == Ed25519.SIGNATURE_SIZE && verifies(text.getBytes(StandardCharsets.UTF_8), sig);
    }

    /** Raw bytes; {@code signature} must be 64 bytes. S >= L and points off the curve are refused by BouncyCastle. */
    boolean verifies(byte[] message, byte[] signature) {
        return bc != null && bc.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    }
}
