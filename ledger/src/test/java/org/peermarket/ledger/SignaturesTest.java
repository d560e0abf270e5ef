package org.peermarket.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Ed25519 by BouncyCastle against the RFC 8032 test vectors and against the JDK's provider,
 * which each case also runs through, so that a mistyped vector fails on both.
 */
class SignaturesTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 section 7.1, TEST 1, 2 and 3: secret key, public key, message, signature. */
    private static final String[][] RFC8032 = {
        {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
        {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    };

    /** The group order L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 section 5.1). */
    private static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

    private static final byte[] X509_PREFIX = HEX.parseHex("302a300506032b6570032100");

    private final KeyPair alice = Signatures.newKeyPair();
    private final KeyPair bob = Signatures.newKeyPair();

    @Test
    void rfc8032VectorsVerifyUnderBothAndSigningGivesTheRfcSignature() throws Exception {
        for (String[] v : RFC8032) {
            PublicKey pub = publicKey(HEX.parseHex(v[1]));
            byte[] message = HEX.parseHex(v[2]);
            byte[] sig = HEX.parseHex(v[3]);
            assertThat(jdkVerify(pub, message, sig)).as("JDK, TEST with key %s", v[1]).isTrue();
            assertThat(VerifyingKey.of(pub).verifies(message, sig)).as("BouncyCastle, key %s", v[1]).isTrue();
            assertThat(VerifyingKey.raw(pub)).isEqualTo(HEX.parseHex(v[1]));
            if (v[2].isEmpty() || isText(message)) {
                String text = new String(message, StandardCharsets.UTF_8);
                assertThat(Signatures.sign(privateKey(HEX.parseHex(v[0])), text)).isEqualTo(b64(sig));
                assertThat(Signatures.verify(pub, text, b64(sig))).isTrue();
            }
        }
    }

    @Test
    void rfc8032SecretKeysSignToTheRfcSignaturesOverRawBytes() throws Exception {
        for (String[] v : RFC8032) {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey(HEX.parseHex(v[0])));
            s.update(HEX.parseHex(v[2]));
            assertThat(HEX.formatHex(s.sign())).as("JDK's signature with secret %s", v[0]).isEqualTo(v[3]);
        }
    }

    @Test
    void jdkSignedVerifiesUnderBouncyCastleAndTheOtherWayRound() throws Exception {
        String text = "{\"market\":\"m1\",\"points\":[{\"price\":42.5,\"quantity\":1.5}],\"side\":\"buy\"}";
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(alice.getPrivate());
        jdk.update(text.getBytes(StandardCharsets.UTF_8));
        String jdkSig = b64(jdk.sign());
        assertThat(Signatures.verifyingKey(alice.getPublic()).verifies(text, jdkSig)).isTrue();
        String bcSig = Signatures.sign(alice.getPrivate(), text);
        assertThat(bcSig).isEqualTo(jdkSig); // Ed25519 is deterministic
        assertThat(jdkVerify(alice.getPublic(), text.getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(bcSig))).isTrue();
    }

    @Test
    void aFlippedBitAWrongKeyMalformedBase64AndWrongLengthsAreRefusedByBoth() throws Exception {
        String text = "{\"order\":7}";
        byte[] msg = text.getBytes(StandardCharsets.UTF_8);
        byte[] good = Base64.getDecoder().decode(Signatures.sign(alice.getPrivate(), text));
        VerifyingKey a = Signatures.verifyingKey(alice.getPublic());
        for (int bit : new int[] {0, 100, 255, 256, 511}) {
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(a.verifies(text, b64(bad))).as("bit %d", bit).isFalse();
            assertThat(jdkVerify(alice.getPublic(), msg, bad)).as("JDK, bit %d", bit).isFalse();
        }
        assertThat(a.verifies("{\"order\":8}", b64(good))).isFalse();
        assertThat(Signatures.verifyingKey(bob.getPublic()).verifies(text, b64(good))).isFalse();
        assertThat(jdkVerify(bob.getPublic(), msg, good)).isFalse();
        assertThat(a.verifies(text, "not base64!")).isFalse();
        assertThat(a.verifies(text, null)).isFalse();
        assertThat(a.verifies(text, b64(Arrays.copyOf(good, 63)))).isFalse();
        assertThat(a.verifies(text, b64(Arrays.copyOf(good, 65)))).isFalse();
        assertThat(jdkVerify(alice.getPublic(), msg, Arrays.copyOf(good, 63))).isFalse();
    }

    @Test
    void aNonCanonicalSWithSPlusLIsRefusedByBoth() throws Exception {
        for (String[] v : RFC8032) {
            PublicKey pub = publicKey(HEX.parseHex(v[1]));
            byte[] message = HEX.parseHex(v[2]);
            byte[] sig = HEX.parseHex(v[3]);
            byte[] high = withS(sig, littleEndian(sig, 32).add(L)); // the same S mod L, so only the range check refuses it
            assertThat(littleEndian(high, 32).mod(L)).isEqualTo(littleEndian(sig, 32));
            assertThat(VerifyingKey.of(pub).verifies(message, high)).as("BouncyCastle, key %s", v[1]).isFalse();
            assertThat(jdkVerify(pub, message, high)).as("JDK, key %s", v[1]).isFalse();
        }
    }

    @Test
    void keysTravelAsBeforeAndAreDecodedOnce() {
        String text = Signatures.encode(alice.getPublic());
        VerifyingKey k = Signatures.decodeVerifyingKey(text);
        assertThat(Signatures.encode(k.publicKey())).isEqualTo(text);
        assertThat(k.verifies("x", Signatures.sign(alice.getPrivate(), "x"))).isTrue();
        assertThatThrownBy(() -> Signatures.decodeVerifyingKey("AAAA")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a base64 X.509 Ed25519 public key");
    }

    private static boolean isText(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length == b.length
                && Arrays.equals(new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), b);
    }

    private static boolean jdkVerify(PublicKey key, byte[] message, byte[] sig) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(message);
        try {
            return s.verify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }

    private static PublicKey publicKey(byte[] raw) throws Exception {
        byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    private static PrivateKey privateKey(byte[] seed) throws Exception {
        return KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
    }

    private static BigInteger littleEndian(byte[] b, int from) {
        byte[] be = new byte[33];
        for (int i = 0; i < 32; i++) {
            be[32 - i] = b[from + i];
        }
        return new BigInteger(be);
    }

    /**
     * y = 2 is not on the curve: (y² − 1)/(d·y² + 1) is no square mod 2^255 − 19 (checked by
     * Euler's criterion outside this code). The JDK decodes such a key; BouncyCastle refuses it.
     */
    @Test
    void aKeyOffTheCurveIsRefusedAtRegistrationButAStoredOneVerifiesNothing() throws Exception {
        byte[] raw = new byte[32];
        raw[0] = 2;
        byte[] der = new byte[44];
        System.arraycopy(HEX.parseHex("302a300506032b6570032100"), 0, der, 0, 12);
        System.arraycopy(raw, 0, der, 12, 32);
        String text = b64(der);
        PublicKey jdk = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        assertThat(jdk).isNotNull();

        assertThatThrownBy(() -> Signatures.decodeVerifyingKey(text)).isInstanceOf(IllegalArgumentException.class);
        VerifyingKey stored = Signatures.decodeStoredKey(text);
        assertThat(stored.onCurve()).isFalse();
        String anySignature = Signatures.sign(Signatures.newKeyPair().getPrivate(), "x");
        assertThat(stored.verifies("x", anySignature)).isFalse();
        Signature check = Signature.getInstance("Ed25519");
        assertThatThrownBy(() -> check.initVerify(jdk)).as("the JDK verifies nothing with it either")
                .isInstanceOf(java.security.InvalidKeyException.class);
        assertThat(Signatures.decodeStoredKey(encodedOnCurveKey()).onCurve()).isTrue();
    }

    private static String encodedOnCurveKey() {
        return Signatures.encode(Signatures.newKeyPair().getPublic());
    }

    private static byte[] withS(byte[] sig, BigInteger s) {
        byte[] out = sig.clone();
        byte[] be = s.toByteArray();
        Arrays.fill(out, 32, 64, (byte) 0);
        for (int i = 0; i < be.length && i < 32; i++) {
            out[32 + i] = be[be.length - 1 - i];
        }
        return out;
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
