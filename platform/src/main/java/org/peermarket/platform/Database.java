package org.peermarket.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** The connection pool, the schema (Flyway migrations in db/migration) and JDBI over them. */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private Database(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    public static Database open(PlatformConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.effectiveJdbcUrl());
        if (config.dbUser() != null) {
            hc.setUsername(config.dbUser());
        }
        if (config.dbPassword() != null) {
            hc.setPassword(config.dbPassword());
        }
        if (config.effectiveJdbcUrl().startsWith("jdbc:postgresql:")) {
            // one multi-row INSERT per JDBC batch instead of one round trip per row (WriteBatch)
            hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        hc.setMaximumPoolSize(8);
        hc.setPoolName("peermarket");
        HikariDataSource pool = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    /**
     * Rewrites an existing embedded H2 file with only its live data, when it has grown to more
     * than twice its size after the last compaction (plus 1 MiB). The file reuses no space while
     * the server runs (REUSE_SPACE=FALSE, docs/platform.md#durability), so such a start gives back
     * what the runs since used; a start after little growth skips the rewrite. The size after a
     * compaction is kept in {@code peermarket.compacted}. Nothing else may have the file open.
     */
    static void compactEmbedded(PlatformConfig config) {
        java.nio.file.Path file = config.h2File();
        java.nio.file.Path record = config.dataDir().resolve(PlatformConfig.H2_NAME + ".compacted");
        try {
            if (!java.nio.file.Files.exists(file) || !grownSinceCompaction(file, record)) {
                return;
            }
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(config.effectiveJdbcUrl());
                 java.sql.Statement s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            }
            java.nio.file.Files.writeString(record, java.nio.file.Files.size(file) + "\n");
        } catch (java.sql.SQLException | java.io.IOException e) {
            throw new IllegalStateException("compacting the H2 database " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** True without a readable record, or when the file is over twice the recorded size plus 1 MiB. */
    static boolean grownSinceCompaction(java.nio.file.Path file, java.nio.file.Path record) throws java.io.IOException {
        long after;
        try {
            after = Long.parseLong(java.nio.file.Files.readString(record).trim());
        } catch (java.nio.file.NoSuchFileException | NumberFormatException e) {
            return true;
        }
        return java.nio.file.Files.size(file) > 2 * after + (1L << 20);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        pool.close();
    }
}
