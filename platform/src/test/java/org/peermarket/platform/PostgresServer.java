package org.peermarket.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** An embedded PostgreSQL (zonky) for one test class: {@code @RegisterExtension static final PostgresServer}. */
final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    EmbeddedPostgres get() {
        return postgres;
    }

    /** A new empty database of that name on this server (one left by an earlier run is dropped); its JDBC URL. */
    String freshDatabase(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    /** The platform's defaults over the database at {@code jdbcUrl} on this server. */
    static PlatformConfig config(Path dataDir, String jdbcUrl) {
        return PlatformConfig.defaults(dataDir).withDatabase(jdbcUrl, "postgres", "postgres");
    }
}
