package org.peermarket.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.peermarket.ledger.Signatures;
import org.peermarket.ledger.VerifyingKey;

/**
 * Ed25519 with the JDK's provider against BouncyCastle's lightweight API (what {@link Signatures}
 * uses), on the same key and an order's canonical JSON. Single thread, microseconds per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Ed25519Benchmark {
    private static final String PAYLOAD = "{\"clientId\":\"peer7-12345\",\"from\":\"2026-01-02T10:00:00Z\",\"market\":\"load\","
            + "\"points\":[{\"price\":0.1234,\"quantity\":2.5}],\"side\":\"buy\",\"to\":\"2026-01-02T11:00:00Z\"}";
    private KeyPair key;
    private VerifyingKey verifying;
    private String signature;
    private byte[] signatureBytes;

    @Setup
    public void setup() {
        key = Signatures.newKeyPair();
        verifying = Signatures.verifyingKey(key.getPublic());
        signature = Signatures.sign(key.getPrivate(), PAYLOAD);
        signatureBytes = Base64.getDecoder().decode(signature);
    }

    @Benchmark
    public boolean jdkVerify() throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key.getPublic());
        s.update(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        return s.verify(signatureBytes);
    }

    /** As the platform checks an order: the participant's key decoded beforehand. */
    @Benchmark
    public boolean bcVerify() {
        return verifying.verifies(PAYLOAD, signature);
    }

    /** The key decoded from the JDK key on each call (ledger and checkpoint checks). */
    @Benchmark
    public boolean bcVerifyDecodingTheKey() {
        return Signatures.verify(key.getPublic(), PAYLOAD, signature);
    }

    @Benchmark
    public byte[] jdkSign() throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key.getPrivate());
        s.update(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        return s.sign();
    }

    @Benchmark
    public String bcSign() {
        return Signatures.sign(key.getPrivate(), PAYLOAD);
    }
}
