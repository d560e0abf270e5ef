package org.peermarket.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.peermarket.ledger.Canonical;
import org.peermarket.ledger.Signatures;

/**
 * Where the server's time per order goes before the single writer (README, Live platform): one
 * Ed25519 verification of an order's canonical JSON ({@link Signatures}, BouncyCastle; the JDK's
 * against it in {@link Ed25519Benchmark}), and the parse plus re-encoding of the body into that
 * canonical JSON. Single thread, microseconds per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OrderCheckBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private KeyPair key;
    private String payload;
    private String signature;
    private String body;

    @Setup
    public void setup() throws Exception {
        key = Signatures.newKeyPair();
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("market", "load");
        order.put("side", "buy");
        order.put("from", "2026-01-02T10:00:00Z");
        order.put("to", "2026-01-02T11:00:00Z");
        order.put("points", List.of(Map.of("quantity", 2.5, "price", 0.1234)));
        order.put("clientId", "peer7-12345");
        payload = Canonical.json(order);
        signature = Signatures.sign(key.getPrivate(), payload);
        Map<String, Object> signed = new LinkedHashMap<>(order);
        signed.put("signature", signature);
        body = JSON.writeValueAsString(signed);
    }

    @Benchmark
    public boolean verify() {
        return Signatures.verify(key.getPublic(), payload, signature);
    }

    @Benchmark
    public String sign() {
        return Signatures.sign(key.getPrivate(), payload);
    }

    /** As the API does it: parse, drop the signature, canonical JSON of the rest. */
    @Benchmark
    @SuppressWarnings("unchecked")
    public String canonicalPayload() throws Exception {
        return Canonical.unsigned(JSON.readTree(body));
    }
}
