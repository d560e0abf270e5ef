package org.peermarket.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The community market tests on PostgreSQL (an embedded server from zonky), a fresh database per test. */
class CommunityPostgresTest extends CommunityGateTest {
    private static EmbeddedPostgres postgres;
    private static int databases;
    private String database;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void freshDatabase() throws SQLException {
        database = "community" + (++databases);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
    }

    @Override
    PlatformConfig config(Path d) {
        return PlatformConfig.defaults(d).withDatabase(postgres.getJdbcUrl("postgres", database), "postgres", "postgres");
    }
}
