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
     * Rewrites an existing embedded H2 file with only its live data. The file reuses no space
     * while the server runs (REUSE_SPACE=FALSE, docs/platform.md#durability), so each start
     * gives back what the previous run used; nothing else may have the file open.
     */
    static void compactEmbedded(PlatformConfig config) {
        java.nio.file.Path file = config.dataDir().resolve("peermarket.mv.db");
        if (!java.nio.file.Files.exists(file)) {
            return;
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(config.effectiveJdbcUrl());
             java.sql.Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("compacting the H2 database " + file + " failed: " + e.getMessage(), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        pool.close();
    }
}
