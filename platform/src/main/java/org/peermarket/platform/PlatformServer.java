package org.peermarket.platform;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.peermarket.ledger.Signatures;

/**
 * A running platform: database, exchange, HTTP server and the gate-closure scheduler, which
 * closes due delivery periods every {@code tickMillis} by the given clock (tests pass their own
 * clock and close periods themselves). On first start the admin's token is written to
 * {@code admin.token} in the data directory (owner-readable only), and the server key to
 * {@code server.key} / {@code server.pub} ({@link ServerKey}).
 */
public final class PlatformServer implements AutoCloseable {
    private final PlatformConfig config;
    private final Database db;
    private final Exchange exchange;
    private final Javalin app;
    private final Api api;
    private final Verifier verifier = Verifier.configured();
    private final ScheduledExecutorService scheduler;
    private final String adminToken;
    private final KeyPair serverKey;

    private PlatformServer(PlatformConfig config, Clock clock, BillCalculator billing, long tickMillis) throws IOException {
        this.config = config;
        createPrivateDirectory(config.dataDir());
        this.serverKey = ServerKey.loadOrCreate(config.dataDir());
        if (config.jdbcUrl() == null) {
            Database.compactEmbedded(config);
        }
        this.db = Database.open(config);
        if (config.jdbcUrl() == null) {
            restrictDatabaseFiles(config.dataDir());
        }
        this.exchange = new Exchange(db, clock, billing, config.batchSize(), config.checkSignaturesLater(), serverKey);
        this.adminToken = bootstrap();
        Hub hub = new Hub(exchange);
        exchange.publishTo(hub);
        this.api = new Api(exchange, new RateLimiter(config.ratePerSecond(), config.rateBurst()), hub, verifier, config.orderLimits());
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.port = config.port();
            api.install(c);
        });
        app.start(config.port());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peermarket-gate-closure");
            t.setDaemon(true);
            return t;
        });
        if (tickMillis > 0) {
            scheduler.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    public static PlatformServer start(PlatformConfig config) throws IOException {
        return new PlatformServer(config, Clock.systemUTC(), new SettlementBills(), 1000);
    }

    /**
     * A platform with its own clock, bill calculator (e.g. a fuller settlement) and gate-closure
     * tick (0 for none: call {@link #closeDuePeriods()}).
     */
    public static PlatformServer start(PlatformConfig config, Clock clock, BillCalculator billing, long tickMillis) throws IOException {
        return new PlatformServer(config, clock, billing, tickMillis);
    }

    /** For tests: a given clock and no background scheduler (call {@link #closeDuePeriods()}). */
    public static PlatformServer start(PlatformConfig config, Clock clock) throws IOException {
        return new PlatformServer(config, clock, new SettlementBills(), 0);
    }

    private void tick() {
        try {
            exchange.closeDuePeriods();
        } catch (RuntimeException e) {
            System.err.println("gate closure failed: " + e.getMessage());
        }
    }

    private String bootstrap() throws IOException {
        Path tokenFile = config.dataDir().resolve("admin.token");
        KeyPair key = Signatures.newKeyPair();
        var token = exchange.bootstrapAdmin(key);
        if (token.isPresent()) {
            writePrivate(tokenFile, token.get() + "\n");
            writePrivate(config.dataDir().resolve("admin.key"), Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()) + "\n");
            return token.get();
        }
        return Files.exists(tokenFile) ? Files.readString(tokenFile).trim() : null;
    }

    /** The data directory, created owner-only (rwx------) when it does not exist yet. */
    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return; // the operator's own directory: its permissions are theirs to set
        }
        Files.createDirectories(dir);
        setPermissions(dir, "rwx------");
    }

    /** The embedded H2 database's files (peermarket.mv.db, ...) readable by the owner only, as admin.token. */
    private static void restrictDatabaseFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("peermarket.")).toList()) {
                setPermissions(f, "rw-------");
            }
        }
    }

    private static void setPermissions(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
    }

    static void writePrivate(Path file, String text) throws IOException {
        Files.writeString(file, text);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
    }

    public List<Exchange.Closed> closeDuePeriods() {
        return exchange.closeDuePeriods();
    }

    public int port() {
        return app.port();
    }

    /** The server key's public half, base64 X.509: what checkpoints and the platform's ledger entries are signed with. */
    public String serverPublicKey() {
        return exchange.serverPublicKey();
    }

    public String adminToken() {
        return adminToken;
    }

    public Exchange exchange() {
        return exchange;
    }

    public Javalin app() {
        return app;
    }

    /** Method and path of every HTTP route, e.g. "GET /api/orders" (the OpenAPI test compares them). */
    public List<String> routes() {
        return api.routes().stream().map(r -> r.method().name() + " " + r.path()).toList();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        app.stop();
        exchange.close();
        verifier.close();
        db.close();
    }
}
