package org.peermarket.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;

/**
 * How a platform runs (docs/platform.md#configuration): HTTP port, data directory, database
 * (embedded H2 in the data directory unless {@code jdbcUrl} names another, e.g. PostgreSQL),
 * rate limit per participant (token bucket: {@code ratePerSecond} refill, {@code rateBurst}
 * capacity), the most commands one database transaction groups ({@code batchSize}) and whether
 * order signatures are checked after the acknowledgement ({@code signature_check}), and the
 * default order limits of every market ({@code order_limits}, {@link OrderLimits}).
 */
public record PlatformConfig(int port, Path dataDir, String jdbcUrl, String dbUser, String dbPassword,
                             double ratePerSecond, double rateBurst, int batchSize, boolean checkSignaturesLater,
                             OrderLimits orderLimits) {

    private static final Set<String> KEYS = Set.of("port", "data_dir", "database", "rate_limit", "batch_size", "signature_check",
            "order_limits");
    /** {@code signature_check}: before the order is acknowledged (default), or after, before it is activated. */
    static final String ON_RECEIPT = "on_receipt";
    static final String BEFORE_ACTIVATION = "before_activation";

    public PlatformConfig(int port, Path dataDir, String jdbcUrl, String dbUser, String dbPassword, double ratePerSecond,
                          double rateBurst, int batchSize) {
        this(port, dataDir, jdbcUrl, dbUser, dbPassword, ratePerSecond, rateBurst, batchSize, false);
    }

    public PlatformConfig(int port, Path dataDir, String jdbcUrl, String dbUser, String dbPassword, double ratePerSecond,
                          double rateBurst, int batchSize, boolean checkSignaturesLater) {
        this(port, dataDir, jdbcUrl, dbUser, dbPassword, ratePerSecond, rateBurst, batchSize, checkSignaturesLater,
                OrderLimits.DEFAULTS);
    }

    /** Every market's default order limits (a market may override them at creation). */
    public PlatformConfig withOrderLimits(OrderLimits limits) {
        return new PlatformConfig(port, dataDir, jdbcUrl, dbUser, dbPassword, ratePerSecond, rateBurst, batchSize,
                checkSignaturesLater, limits.over(orderLimits));
    }

    public static PlatformConfig defaults(Path dataDir) {
        return new PlatformConfig(8080, dataDir, null, null, null, 50, 100, 512);
    }

    /** Orders acknowledged as received, their signatures checked after (docs/platform.md#signatures). */
    public PlatformConfig withSignaturesCheckedLater(boolean later) {
        return new PlatformConfig(port, dataDir, jdbcUrl, dbUser, dbPassword, ratePerSecond, rateBurst, batchSize, later, orderLimits);
    }

    public PlatformConfig withPort(int p) {
        return new PlatformConfig(p, dataDir, jdbcUrl, dbUser, dbPassword, ratePerSecond, rateBurst, batchSize, checkSignaturesLater, orderLimits);
    }

    public PlatformConfig withDataDir(Path d) {
        return new PlatformConfig(port, d, jdbcUrl, dbUser, dbPassword, ratePerSecond, rateBurst, batchSize, checkSignaturesLater, orderLimits);
    }

    public PlatformConfig withDatabase(String url, String user, String password) {
        return new PlatformConfig(port, dataDir, url, user, password, ratePerSecond, rateBurst, batchSize, checkSignaturesLater, orderLimits);
    }

    public PlatformConfig withRateLimit(double perSecond, double burst) {
        return new PlatformConfig(port, dataDir, jdbcUrl, dbUser, dbPassword, perSecond, burst, batchSize, checkSignaturesLater, orderLimits);
    }

    /** The embedded H2 database's base name in the data directory; H2 adds {@code .mv.db}. */
    static final String H2_NAME = "peermarket";

    /** The embedded H2 database's file (it exists once a server has run on this data directory). */
    public Path h2File() {
        return dataDir.resolve(H2_NAME + ".mv.db");
    }

    /** The JDBC URL in use: the configured one, else an H2 file database in the data directory. */
    public String effectiveJdbcUrl() {
        if (jdbcUrl != null) {
            return jdbcUrl;
        }
        // WRITE_DELAY=0: a commit reaches the file before it returns. REUSE_SPACE=FALSE: every chunk is appended at
        // the end of the file, where reopening finds it; a chunk written into reused space off the chain the file
        // header points to was skipped after a SIGKILL, and its acknowledged commits lost (docs/platform.md#durability)
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(H2_NAME) + ";WRITE_DELAY=0;REUSE_SPACE=FALSE";
    }

    /** Reads a YAML or JSON config file over the defaults; every bad field is reported. */
    public static PlatformConfig load(Path file, PlatformConfig base) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ValidationException(new Problem("config", file.toString(), "cannot read: " + e.getMessage()));
        }
        List<Problem> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new ValidationException(new Problem("config", file.toString(), "must be a mapping"));
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                problems.add(new Problem(k, null, "unknown key; expected one of " + new java.util.TreeSet<>(KEYS)));
            }
        });
        PlatformConfig c = base;
        int port = root.has("port") ? positiveInt(root.get("port"), "port", problems) : c.port();
        Path dir = root.has("data_dir") ? Path.of(root.get("data_dir").asText()) : c.dataDir();
        JsonNode db = root.path("database");
        String url = db.has("url") ? db.get("url").asText() : c.jdbcUrl();
        String user = db.has("user") ? db.get("user").asText() : c.dbUser();
        String password = db.has("password") ? db.get("password").asText() : c.dbPassword();
        JsonNode rate = root.path("rate_limit");
        double perSecond = rate.has("per_second") ? positive(rate.get("per_second"), "rate_limit.per_second", problems) : c.ratePerSecond();
        double burst = rate.has("burst") ? positive(rate.get("burst"), "rate_limit.burst", problems) : c.rateBurst();
        int batch = root.has("batch_size") ? positiveInt(root.get("batch_size"), "batch_size", problems) : c.batchSize();
        boolean later = c.checkSignaturesLater();
        if (root.has("signature_check")) {
            String v = root.get("signature_check").asText();
            if (!v.equals(ON_RECEIPT) && !v.equals(BEFORE_ACTIVATION)) {
                problems.add(new Problem("signature_check", v, "must be " + ON_RECEIPT + " or " + BEFORE_ACTIVATION));
            }
            later = v.equals(BEFORE_ACTIVATION);
        }
        OrderLimits limits = OrderLimits.read(root.get("order_limits"), "order_limits", OrderLimits.CONFIG_KEYS, c.orderLimits(),
                (field, value, message) -> problems.add(new Problem(field, value == null ? null : String.valueOf(value), message)));
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new PlatformConfig(port, dir, url, user, password, perSecond, burst, batch, later,
                limits == null ? c.orderLimits() : limits.over(c.orderLimits()));
    }

    private static double positive(JsonNode n, String path, List<Problem> problems) {
        if (!n.isNumber() || n.asDouble() <= 0) {
            problems.add(new Problem(path, n.asText(), "must be a number > 0"));
            return 1;
        }
        return n.asDouble();
    }

    private static int positiveInt(JsonNode n, String path, List<Problem> problems) {
        if (!n.isIntegralNumber() || n.asInt() < 0) {
            problems.add(new Problem(path, n.asText(), "must be a whole number >= 0"));
            return 1;
        }
        return n.asInt();
    }
}
