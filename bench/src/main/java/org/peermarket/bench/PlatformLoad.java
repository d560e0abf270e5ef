package org.peermarket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.peermarket.ledger.Canonical;
import org.peermarket.ledger.Signatures;
import org.peermarket.platform.Exchange;
import org.peermarket.platform.Order;
import org.peermarket.platform.OrderRequest;
import org.peermarket.platform.PlatformConfig;
import org.peermarket.platform.PlatformServer;

/**
 * Load generator of the live platform over loopback HTTP: {@code PlatformLoad h2|postgres
 * ORDERS CLIENTS [MECHANISM] [http|direct|later|batch|batch-later]} ({@code later}: over HTTP with
 * {@code signature_check: before_activation}, timed until each 202, then until every order is
 * activated; {@code batch}: 100 orders a request to {@code /api/orders/batch}, each order timed
 * as its batch). Starts a server in this JVM (H2 in a temporary directory, or an
 * embedded PostgreSQL), registers one peer per client, signs every order beforehand (the
 * client's cost, not the server's), then each client thread submits its orders one after
 * another on its own kept-alive connection ({@link KeepAliveClient}; the JDK's HttpClient with
 * {@code -Dload.client=jdk}) and times each until its 201. Prints orders accepted per second and latency
 * percentiles, and appends a CSV row to {@code results/platform-load.csv}. With
 * {@code -Dload.warmup=N} the first N orders (spread over the clients) are sent but not
 * measured: the server's JIT compilation is then mostly done, as in a server that has run a while.
 */
public final class PlatformLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PlatformLoad() {}

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int orders = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        String mechanism = args.length > 3 ? args[3] : "auction/uniform";
        boolean direct = args.length > 4 && args[4].equals("direct");
        boolean later = args.length > 4 && args[4].endsWith("later");
        int batch = args.length > 4 && args[4].startsWith("batch") ? 100 : 1;
        Path dir = Files.createTempDirectory("peermarket-load");
        EmbeddedPostgres pg = db.equals("postgres") ? EmbeddedPostgres.builder().start() : null;
        PlatformConfig config = PlatformConfig.defaults(dir).withPort(0).withRateLimit(1e9, 1e9).withSignaturesCheckedLater(later);
        if (pg != null) {
            config = config.withDatabase(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        }
        try (PlatformServer server = PlatformServer.start(config)) {
            String base = "http://127.0.0.1:" + server.port();
            run(base, server.adminToken(), db, orders, clients, mechanism, direct ? server.exchange() : null, server.exchange(), batch);
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    /**
     * With an exchange ("direct" mode) the clients call it in-process with already parsed and
     * verified orders: what the sequencer and the database sustain without HTTP and without
     * the signature check.
     */
    private static void run(String base, String adminToken, String db, int orders, int clients, String mechanism,
                            Exchange direct, Exchange exchange, int batch) throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1));
        String from = start.toString();
        String to = start.plus(Duration.ofHours(1)).toString();
        post(base, adminToken, "/api/markets", Map.of("id", "load", "mechanism", mechanism, "start", from, "periodMinutes", 60, "periods", 1));
        int perClient = orders / clients;
        List<String> tokens = new ArrayList<>();
        List<List<String>> bodies = new ArrayList<>();
        List<KeyPair> keys = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            KeyPair key = Signatures.newKeyPair();
            JsonNode reg = post(base, adminToken, "/api/participants", Map.of("id", "peer" + c, "roles", List.of("peer"),
                    "publicKey", Signatures.encode(key.getPublic())));
            tokens.add(reg.get("token").asText());
            keys.add(key);
        }
        bodies.addAll(java.util.stream.IntStream.range(0, clients).parallel()
                .mapToObj(c -> signedOrders(keys.get(c), c, perClient, from, to)).toList());
        System.out.printf("%s: %d orders from %d clients (%s, %s), all signed; go%n", db, perClient * clients, clients, mechanism,
                direct == null ? "HTTP" : "direct");
        List<List<OrderRequest>> requests = direct == null ? null : requests(bodies, from);
        int warmup = Math.min(perClient - 1, Integer.getInteger("load.warmup", 0) / clients / batch * batch);
        long[][] latencies = new long[clients][perClient];
        AtomicInteger failures = new AtomicInteger();
        Thread[] threads = new Thread[clients];
        long[] marks = new long[5]; // writer CPU, process CPU, start ns, commit groups, commands; set when the warm-up is over
        Map<Long, Long> threads0 = new java.util.concurrent.ConcurrentHashMap<>();
        Map<Long, Long> allocs0 = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong clientCpu = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.CyclicBarrier warm = new java.util.concurrent.CyclicBarrier(clients, () -> {
            threads0.putAll(threadCpus());
            allocs0.putAll(threadAllocs());
            marks[0] = threadCpu("peermarket-sequencer");
            marks[1] = processCpu();
            marks[2] = System.nanoTime();
            marks[3] = exchange.commitGroups()[0];
            marks[4] = exchange.commitGroups()[1];
        });
        for (int c = 0; c < clients; c++) {
            int me = c;
            threads[c] = new Thread(() -> {
                KeepAliveClient connection = new KeepAliveClient("127.0.0.1", URI.create(base).getPort());
                for (int i = 0; i < perClient; i += batch) {
                    if (i == warmup) {
                        await(warm);
                        clientCpu.addAndGet(-threads().getCurrentThreadCpuTime());
                    }
                    int end = Math.min(perClient, i + batch);
                    long s = System.nanoTime();
                    int status = direct != null ? submit(direct, "peer" + me, requests.get(me).get(i))
                            : batch == 1 ? send(connection, base, "/api/orders", tokens.get(me), bodies.get(me).get(i))
                            : send(connection, base, "/api/orders/batch", tokens.get(me), "{\"orders\":[" + String.join(",", bodies.get(me).subList(i, end)) + "]}");
                    long took = System.nanoTime() - s;
                    for (int k = i; k < end; k++) {
                        latencies[me][k] = took;
                    }
                    if (i >= warmup && status != 201 && status != 202) {
                        failures.addAndGet(end - i);
                    }
                }
                clientCpu.addAndGet(threads().getCurrentThreadCpuTime());
                connection.close();
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long writer0 = marks[0];
        long cpu0 = marks[1];
        long t0 = marks[2];
        int measured = (perClient - warmup) * clients;
        double seconds = (System.nanoTime() - t0) * 1e-9;
        if (exchange.checksSignaturesLater()) {
            while (exchange.pendingActivations() > 0) {
                Thread.sleep(5);
            }
            double all = (System.nanoTime() - t0) * 1e-9;
            System.out.printf("all activated (signatures checked) after %.1f s: %.0f orders/s%n", all, measured / all);
        }
        double writerUs = (threadCpu("peermarket-sequencer") - writer0) * 1e-3 / Math.max(1, measured);
        double processUs = (processCpu() - cpu0) * 1e-3 / Math.max(1, measured);
        System.out.printf("CPU per order: %.0f µs in the single writer, %.0f µs in the whole process (server and clients)%n",
                writerUs, processUs);
        System.out.println("CPU per order by thread: " + byThread(threads0, measured)
                + String.format(java.util.Locale.ROOT, "load-generating clients %.0f µs", clientCpu.get() * 1e-3 / Math.max(1, measured)));
        long[] groups = exchange.commitGroups();
        System.out.printf(java.util.Locale.ROOT, "commit groups: %d, %.2f commands each%n", groups[0] - marks[3],
                (groups[1] - marks[4]) / (double) Math.max(1, groups[0] - marks[3]));
        System.out.println("bytes allocated per order by the server's threads: " + allocated(allocs0, measured));
        long[] all = Arrays.stream(latencies).flatMapToLong(l -> Arrays.stream(l, warmup, l.length)).sorted().toArray();
        int n = all.length;
        double rate = (n - failures.get()) / seconds;
        String row = String.format(java.util.Locale.ROOT, "%s,%s,%s,%d,%d,%.1f,%.0f,%.2f,%.2f,%.2f,%.2f,%.2f,%d", Instant.now(), db, (direct != null ? "direct" : "http") + (batch > 1 ? "-batch" : "") + (exchange.checksSignaturesLater() ? "-later" : "")
                + (warmup > 0 ? "-warmup" + warmup * clients : ""), n,
                clients, seconds, rate, ms(all, 0.50), ms(all, 0.90), ms(all, 0.99), ms(all, 0.999), all[n - 1] * 1e-6, failures.get());
        System.out.printf("accepted %d of %d in %.1f s: %.0f orders/s; latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f%n",
                n - failures.get(), n, seconds, rate, ms(all, 0.5), ms(all, 0.9), ms(all, 0.99), ms(all, 0.999), all[n - 1] * 1e-6);
        Path csv = Path.of("results", "platform-load.csv");
        Files.createDirectories(csv.getParent());
        if (!Files.exists(csv)) {
            Files.writeString(csv, "time,database,path,orders,clients,seconds,orders_per_s,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,failures\n");
        }
        Files.writeString(csv, row + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    private static void await(java.util.concurrent.CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
            throw new IllegalStateException("warm-up barrier", e);
        }
    }

    /** CPU time of the live thread with this name, in ns (0 when there is none). */
    private static long threadCpu(String name) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
                .mapToLong(t -> mx.getThreadCpuTime(t.getId())).sum();
    }

    private static com.sun.management.ThreadMXBean threads() {
        return (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    }

    /** One reading (CPU ns, bytes allocated) of every live thread, by id; negative readings (not supported) left out. */
    private static Map<Long, Long> perThread(java.util.function.LongUnaryOperator reading) {
        Map<Long, Long> out = new java.util.HashMap<>();
        for (long id : threads().getAllThreadIds()) {
            long v = reading.applyAsLong(id);
            if (v >= 0) {
                out.put(id, v);
            }
        }
        return out;
    }

    private static Map<Long, Long> threadCpus() {
        return perThread(id -> threads().getThreadCpuTime(id));
    }

    private static Map<Long, Long> threadAllocs() {
        return perThread(id -> threads().getThreadAllocatedBytes(id));
    }

    /** The growth of a reading since {@code before}, summed by kind of live thread (its name without numbers). */
    private static Map<String, Long> byKind(Map<Long, Long> before, Map<Long, Long> now) {
        Map<String, Long> sum = new java.util.TreeMap<>();
        now.forEach((id, v) -> {
            var info = threads().getThreadInfo(id);
            if (info != null) {
                sum.merge(info.getThreadName().replaceAll("[0-9]+", "N"), v - before.getOrDefault(id, 0L), Long::sum);
            }
        });
        return sum;
    }

    /** The kinds above {@code least}, largest first, each as {@code format} of its amount per order. */
    private static String perOrder(Map<String, Long> sum, long least, double scale, String format, int orders) {
        StringBuilder b = new StringBuilder();
        sum.entrySet().stream().filter(e -> e.getValue() > least).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> b.append(String.format(java.util.Locale.ROOT, format, e.getKey(), e.getValue() * scale / Math.max(1, orders))));
        return b.toString();
    }

    /** Bytes allocated per order since the snapshot by the threads still alive (the server's: the clients have ended). */
    private static String allocated(Map<Long, Long> before, int orders) {
        Map<String, Long> sum = byKind(before, threadAllocs());
        long total = sum.values().stream().mapToLong(Long::longValue).sum();
        return String.format(java.util.Locale.ROOT, "%.1f kB (", total / 1e3 / Math.max(1, orders))
                + perOrder(sum, 100L * orders, 1e-3, "%s %.1f kB; ", orders) + ")";
    }

    /** µs of CPU per order spent by each kind of thread (names without their numbers) since the snapshot. */
    private static String byThread(Map<Long, Long> before, int orders) {
        return perOrder(byKind(before, threadCpus()), 1_000_000L, 1e-3, "%s %.0f µs; ", orders);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static int submit(Exchange exchange, String who, OrderRequest r) {
        try {
            exchange.submit(exchange.participant(who).orElseThrow(), r);
            return 201;
        } catch (RuntimeException e) {
            return 500;
        }
    }

    /** The signed bodies as the API would hand them to the exchange (period 0 of market "load"). */
    private static List<List<OrderRequest>> requests(List<List<String>> bodies, String from) throws Exception {
        List<List<OrderRequest>> out = new ArrayList<>();
        for (List<String> list : bodies) {
            List<OrderRequest> rs = new ArrayList<>();
            for (String b : list) {
                JsonNode o = JSON.readTree(b);
                JsonNode p = o.get("points").get(0);
                rs.add(new OrderRequest("load", 0, o.get("side").asText(), "limit", "none",
                        List.of(new Order.Point(p.get("quantity").asDouble(), p.get("price").asDouble())), 0,
                        o.get("clientId").asText(), Canonical.unsigned(o), o.get("signature").asText()));
            }
            out.add(rs);
        }
        return out;
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] * 1e-6;
    }

    private static List<String> signedOrders(KeyPair key, int client, int count, String from, String to) {
        SplittableRandom rnd = new SplittableRandom(42 + client);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean buy = rnd.nextBoolean();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("market", "load");
            o.put("side", buy ? "buy" : "sell");
            o.put("from", from);
            o.put("to", to);
            o.put("points", List.of(Map.of("quantity", (double) (1 + rnd.nextInt(10)),
                    "price", Math.round((0.15 + (buy ? -0.02 : 0.02) + rnd.nextDouble(-0.02, 0.02)) * 1000) / 1000.0)));
            o.put("clientId", "c" + i);
            o.put("signature", Signatures.sign(key.getPrivate(), Canonical.unsigned(JSON.valueToTree(o))));
            try {
                out.add(JSON.writeValueAsString(o));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** The JDK's HttpClient with {@code -Dload.client=jdk}, to compare; kept-alive raw HTTP/1.1 otherwise. */
    private static final boolean JDK_CLIENT = "jdk".equals(System.getProperty("load.client"));

    private static int send(KeepAliveClient connection, String base, String path, String token, String body) {
        if (!JDK_CLIENT) {
            return connection.post(path, token, body);
        }
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static JsonNode post(String base, String token, String path, Object body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 201) {
            throw new IllegalStateException(path + ": " + resp.statusCode() + " " + resp.body());
        }
        return JSON.readTree(resp.body());
    }
}
