package org.peermarket.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519. Keys are made and decoded by the JDK's own provider; signing and verifying use
 * BouncyCastle's lightweight API, about 20 times faster than the JDK's on this project's machine
 * (JMH {@code Ed25519Benchmark}, README). Public keys travel as base64 of their X.509
 * (SubjectPublicKeyInfo) encoding, signatures as base64 of the 64 signature bytes.
 */
public final class Signatures {
    private Signatures() {}

    public static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is built into Java 17", e);
        }
    }

    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** The public key of a base64 X.509 encoding; IllegalArgumentException when it is not an Ed25519 key. */
    public static PublicKey decodePublicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key", e);
        }
    }

    /** The key decoded once for many checks (a participant's, kept with it). */
    public static VerifyingKey decodeVerifyingKey(String base64) {
        return verifyingKey(decodePublicKey(base64));
    }

    /**
     * A stored key decoded without the curve check ({@link VerifyingKey#lenient}); still
     * IllegalArgumentException when the text is not an X.509 Ed25519 key at all.
     */
    public static VerifyingKey decodeStoredKey(String base64) {
        return VerifyingKey.lenient(decodePublicKey(base64));
    }

    /** IllegalArgumentException when the key is not an Ed25519 public key on the curve. */
    public static VerifyingKey verifyingKey(PublicKey key) {
        try {
            return VerifyingKey.of(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key", e);
        }
    }

    /** Base64 signature of the text's UTF-8 bytes (Ed25519 is deterministic: the JDK's would be the same bytes). */
    public static String sign(PrivateKey key, String text) {
        if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new IllegalStateException("cannot sign with this key: not an Ed25519 private key");
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        byte[] sig = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
        new Ed25519PrivateKeyParameters(ed.getBytes().get()).sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, sig, 0);
        return Base64.getEncoder().encodeToString(sig);
    }

    /** True when {@code signature} is key's valid signature of the text; false for any malformed input. */
    public static boolean verify(PublicKey key, String text, String signature) {
        VerifyingKey k;
        try {
            k = VerifyingKey.of(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return k.verifies(text, signature);
    }

    /** The same with a key decoded beforehand. */
    public static boolean verify(VerifyingKey key, String text, String signature) {
        return key.verifies(text, signature);
    }

    /** True when {@code signature} is base64 of 64 bytes, the length of an Ed25519 signature (not whether it verifies). */
    public static boolean wellFormed(String signature) {
        if (signature == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(signature).length == 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
