package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peermarket.ledger.LedgerEntry;
import org.peermarket.ledger.LedgerVerifier;
import org.peermarket.ledger.Verification;

/**
 * An acknowledged order is never lost (docs/platform.md#durability). The server is a real
 * {@code peermarket serve} process (the CLI's {@code Main} in its own JVM, configured by a
 * config file); four clients submit orders to a continuous and a periodic market as fast as
 * they can; after a random load window the server is killed with SIGKILL. Then the data
 * directory (or the PostgreSQL database) is read back in this JVM: every order answered 201/202
 * must be there with its participant, side, quantity and price, not killed (all were signed
 * correctly), an active one with its own ledger entry; the ledger must pass
 * {@link LedgerVerifier}, and {@code peermarket ledger verify} on the same data must exit 0.
 * The next trial's server is the restart on the same data: it must first activate every order
 * left received, then takes load again and is killed again. Trials are chained; the seed is
 * printed with every failure ({@code -Dpeermarket.durability.seed=S},
 * {@code -Dpeermarket.durability.trials=N}). It lives in the cli module, in the platform's
 * package, to launch the CLI and read the database as the platform does.
 */
class DurabilityTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final int TRIALS = Integer.getInteger("peermarket.durability.trials", 10);

    /** What the client sent for an order the server acknowledged. */
    record Sent(String participant, String clientId, String market, String side, double quantity, double price) {}

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"on_receipt, h2", "before_activation, h2", "on_receipt, postgresql", "before_activation, postgresql"})
    void everyAcknowledgedOrderSurvivesSigkill(String signatureCheck, String database, @TempDir Path dir) throws Exception {
        long seed = Long.getLong("peermarket.durability.seed", System.nanoTime());
        String jdbc = database.equals("h2") ? null : freshPostgresDatabase(signatureCheck);
        long started = System.nanoTime();
        try {
            Run run = new Run(dir, jdbc, signatureCheck, new SplittableRandom(seed));
            run.trials(TRIALS);
            Path file = PlatformConfig.defaults(dir).h2File();
            if (Files.exists(file)) {
                System.out.printf("DurabilityTest %s: H2 file %.1f MB after %d acknowledged orders%n", signatureCheck,
                        Files.size(file) / 1e6, run.acknowledged.size());
            }
        } catch (Throwable e) {
            throw new AssertionError(signatureCheck + " on " + database + ", seed " + seed + ": " + e.getMessage(), e);
        }
        System.out.printf("DurabilityTest %s on %s: %d trials in %.1f s (seed %d)%n", signatureCheck, database, TRIALS,
                (System.nanoTime() - started) / 1e9, seed);
    }

    private static String freshPostgresDatabase(String name) throws Exception {
        return POSTGRES.freshDatabase("durability_" + name);
    }

    /** One chain of trials on one data directory (and database). */
    private static final class Run {
        private final Path dir;
        private final String jdbc;
        private final String signatureCheck;
        private final int acknowledgement;
        private final SplittableRandom rnd;
        private final Map<Long, Sent> acknowledged = new ConcurrentHashMap<>();
        private final java.util.Queue<Long> reused = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final List<ApiClient> peers = new ArrayList<>();
        private String from;
        private String to;

        Run(Path dir, String jdbc, String signatureCheck, SplittableRandom rnd) {
            this.dir = dir;
            this.jdbc = jdbc;
            this.signatureCheck = signatureCheck;
            this.acknowledgement = signatureCheck.equals(PlatformConfig.BEFORE_ACTIVATION) ? 202 : 201;
            this.rnd = rnd;
        }

        void trials(int n) throws Exception {
            List<Long> received = List.of();
            for (int trial = 0; trial < n; trial++) {
                Process server = launch();
                try {
                    String base = "http://127.0.0.1:" + port(server);
                    if (trial == 0) {
                        setUp(base);
                    } else {
                        awaitActivated(base, received, trial);
                    }
                    int before = acknowledged.size();
                    load(base, trial, server);
                    assertThat(acknowledged.size()).as("trial " + trial + ": orders acknowledged before the kill").isGreaterThan(before);
                } finally {
                    server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
                    server.waitFor(10, TimeUnit.SECONDS);
                }
                received = check("after the kill of trial " + trial);
                verifyWithTheCli("after the kill of trial " + trial);
            }
            // a last restart activates what the last kill left received, and the book still matches
            Process server = launch();
            try {
                String base = "http://127.0.0.1:" + port(server);
                awaitActivated(base, received, n);
                ApiClient p0 = peers.get(0).at(base);
                assertThat(p0.submit("cda", "buy", from, to, 1, 0.5, "after-restart").status()).isEqualTo(acknowledgement);
            } finally {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(check("at the end")).as("orders never activated").isEmpty();
        }

        private void setUp(String base) throws Exception {
            ApiClient admin = new ApiClient(base, "admin", Files.readString(dir.resolve("admin.token")).trim(), null);
            from = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1)).toString();
            to = Instant.parse(from).plus(Duration.ofHours(1)).toString();
            for (String[] m : new String[][] {{"cda", "cda/book"}, {"auction", "auction/uniform"}}) {
                assertThat(admin.post("/api/markets", Map.of("id", m[0], "mechanism", m[1], "start", from, "periodMinutes", 60,
                        "periods", 1)).status()).isEqualTo(201);
            }
            for (int i = 0; i < 4; i++) {
                peers.add(admin.register("peer" + i, null, "peer"));
            }
        }

        /** Four clients as fast as they can, for a random window; the server is killed at its end. */
        private void load(String base, int trial, Process server) throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (ApiClient peer : peers) {
                ApiClient p = peer.at(base);
                SplittableRandom own = rnd.split();
                Thread t = new Thread(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        Sent s = new Sent(p.id, "t" + trial + "-" + n, own.nextBoolean() ? "cda" : "auction",
                                side(p), 1 + own.nextInt(5),
                                Math.round((0.15 + own.nextDouble(-0.03, 0.03)) * 1000) / 1000.0);
                        ApiClient.Reply r;
                        try {
                            r = p.submit(s.market(), s.side(), from, to, s.quantity(), s.price(), s.clientId());
                        } catch (RuntimeException e) {
                            return; // the server is gone: this request was not acknowledged
                        }
                        if (r.status() == acknowledgement) {
                            if (acknowledged.put(r.json().get("id").asLong(), s) != null) {
                                reused.add(r.json().get("id").asLong());
                            }
                        }
                    }
                });
                t.start();
                threads.add(t);
            }
            int before = acknowledged.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acknowledged.size() == before && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(rnd.nextInt(1500)); // the kill comes at a random moment of the load
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
            stop.set(true);
            for (Thread t : threads) {
                t.join(70_000);
            }
            assertThat(reused).as("trial " + trial + ": order ids acknowledged for two orders").isEmpty();
        }

        /** Two buyers and two sellers: an order never crosses its owner's own (such a rest is killed, docs/platform.md#orders). */
        private static String side(ApiClient p) {
            return p.id.compareTo("peer2") < 0 ? "buy" : "sell";
        }

        /** The restarted server activates every order a kill left received (none killed: all were signed correctly). */
        private void awaitActivated(String base, List<Long> received, int trial) throws InterruptedException {
            for (long id : received) {
                ApiClient owner = peers.stream().filter(p -> p.id.equals(acknowledged.get(id).participant())).findFirst().orElseThrow().at(base);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                ApiClient.Reply r = owner.get("/api/orders/" + id);
                while (r.status() == 200 && r.json().get("status").asText().equals("received") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    r = owner.get("/api/orders/" + id);
                }
                assertThat(r.status()).as("restart " + trial + ": order " + id).isEqualTo(200);
                assertThat(r.json().get("status").asText()).as("restart " + trial + ": order " + id).isIn("active", "filled");
            }
        }

        /**
         * Reads the stopped server's database: every acknowledged order as sent, not killed, an
         * active one in the ledger; the ledger verifies. Returns the orders still received.
         */
        private List<Long> check(String when) {
            PlatformConfig c = PlatformConfig.defaults(dir);
            if (jdbc != null) {
                c = c.withDatabase(jdbc, null, null);
            }
            try (Database db = Database.open(c)) {
                return db.jdbi().withHandle(h -> check(h, when));
            }
        }

        private List<Long> check(Handle h, String when) {
            List<LedgerEntry> ledger = DbLedgerStore.all(h);
            Verification v = LedgerVerifier.verify(ledger);
            assertThat(v.ok()).as(when + ": ledger verification " + v).isTrue();
            Map<Long, LedgerEntry> bySeq = new HashMap<>();
            ledger.forEach(e -> bySeq.put(e.sequence(), e));
            Map<Long, Map<String, Object>> rows = new HashMap<>();
            h.createQuery("SELECT id, participant, client_id, market, side, quantity, points, status, ledger_seq FROM orders")
                    .mapToMap().forEach(r -> rows.put(((Number) r.get("id")).longValue(), r));
            List<Long> missing = acknowledged.keySet().stream().filter(id -> !rows.containsKey(id)).sorted().toList();
            long highest = rows.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            assertThat(missing).as(when + ": acknowledged orders missing (of " + acknowledged.size() + "; highest id stored " + highest
                    + ", the last rows " + rows.entrySet().stream().filter(e -> e.getKey() > highest - 8).map(e -> e.getKey() + ":"
                    + e.getValue().get("status")).toList() + ", ledger " + ledger.size() + " entries)").isEmpty();
            List<Long> received = new ArrayList<>();
            for (Map.Entry<Long, Sent> e : acknowledged.entrySet()) {
                Map<String, Object> row = rows.get(e.getKey());
                Sent s = e.getValue();
                String what = when + ": order " + e.getKey() + " " + s;
                assertThat(List.of(row.get("participant"), row.get("client_id"), row.get("market"), row.get("side")))
                        .as(what).containsExactly(s.participant(), s.clientId(), s.market(), s.side());
                assertThat(((Number) row.get("quantity")).doubleValue()).as(what).isEqualTo(s.quantity());
                assertThat(Json.points((String) row.get("points")).get(0).price()).as(what).isEqualTo(s.price());
                String status = (String) row.get("status");
                assertThat(status).as(what).isNotEqualTo("KILLED");
                if (status.equals("RECEIVED")) {
                    received.add(e.getKey());
                    continue;
                }
                LedgerEntry entry = bySeq.get(((Number) row.get("ledger_seq")).longValue());
                assertThat(entry).as(what + ": its ledger entry").isNotNull();
                JsonNode payload = Json.tree(entry.payload());
                assertThat(List.of(entry.type(), entry.submitter(), payload.get("clientId").asText(), payload.get("side").asText()))
                        .as(what + ": its ledger entry").containsExactly("order", s.participant(), s.clientId(), s.side());
            }
            received.sort(Long::compare);
            return received;
        }

        /** {@code peermarket serve --port 0 --data-dir D --config F} in a JVM of its own. */
        private Process launch() throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), org.peermarket.cli.Main.class.getName(),
                    "serve", "--port", "0", "--data-dir", dir.toString(), "--config", config().toString());
            return new ProcessBuilder(cmd).redirectErrorStream(true).start();
        }

        /** The server's config: no rate limit to speak of, the signature check under test, the database. */
        private Path config() throws java.io.IOException {
            Path file = dir.resolveSibling(dir.getFileName() + "-serve.yaml");
            String database = jdbc == null ? "" : "database: {url: \"" + jdbc + "\"}\n";
            Files.writeString(file, "rate_limit: {per_second: 1000000, burst: 1000000}\nsignature_check: " + signatureCheck + "\n"
                    + database);
            return file;
        }

        /** {@code peermarket ledger verify D [--config F]} on the stopped server's data: exit 0. */
        private void verifyWithTheCli(String when) throws Exception {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            List<String> args = new ArrayList<>(List.of("ledger", "verify", dir.toString()));
            if (jdbc != null) {
                args.addAll(List.of("--config", config().toString()));
            }
            int code = org.peermarket.cli.Main.execute(args.toArray(String[]::new), new java.io.PrintWriter(out),
                    new java.io.PrintWriter(err));
            assertThat(code).as(when + ": peermarket ledger verify said " + out + err).isZero();
            assertThat(out.toString()).as(when).contains("verified");
        }
    }

    /** What {@code peermarket serve} prints once it listens. */
    private static final java.util.regex.Pattern LISTENING = java.util.regex.Pattern.compile("listening on http://localhost:(\\d+)/");

    /** The start-up lines {@code peermarket serve} prints after the listening one. */
    private static final java.util.regex.Pattern STARTUP = java.util.regex.Pattern.compile("database: |admin token: |server key ");

    private static int port(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
            java.util.regex.Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        for (String l = r.readLine(); l != null; l = r.readLine()) {
                            if (!STARTUP.matcher(l).lookingAt()) {
                                System.out.println("server: " + l); // past its start-up lines the server says little; an error is worth seeing
                            }
                        }
                    } catch (java.io.IOException e) {
                        // process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("the server did not start");
    }
}
