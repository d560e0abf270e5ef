package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peermarket.ledger.Signatures;

/** The verifier accepts a key's own signature and nothing else, on the calling thread or a pool. */
class VerifierTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void acceptsOnlyTheKeysSignatureOfThatText(int threads) {
        KeyPair key = Signatures.newKeyPair();
        KeyPair other = Signatures.newKeyPair();
        String sig = Signatures.sign(key.getPrivate(), "{\"order\":1}");
        try (Verifier v = new Verifier(threads)) {
            assertThat(v.verify(Signatures.verifyingKey(key.getPublic()), "{\"order\":1}", sig)).isTrue();
            assertThat(v.verify(Signatures.verifyingKey(key.getPublic()), "{\"order\":2}", sig)).isFalse();
            assertThat(v.verify(Signatures.verifyingKey(other.getPublic()), "{\"order\":1}", sig)).isFalse();
            assertThat(v.verify(Signatures.verifyingKey(key.getPublic()), "{\"order\":1}", "not base64!")).isFalse();
        }
    }
}
