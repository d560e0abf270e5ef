package org.peermarket.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 with the JDK's own provider (Java 15+). Public keys travel as base64 of their X.509
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

    /** Base64 signature of the text's UTF-8 bytes. */
    public static String sign(PrivateKey key, String text) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with this key", e);
        }
    }

    /** True when {@code signature} is key's valid signature of the text; false for any malformed input. */
    public static boolean verify(PublicKey key, String text, String signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
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
