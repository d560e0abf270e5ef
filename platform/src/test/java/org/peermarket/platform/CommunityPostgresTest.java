package org.peermarket.platform;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The community market tests on PostgreSQL (an embedded server from zonky), a fresh database per test. */
class CommunityPostgresTest extends CommunityGateTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();
    private static int databases;
    private String database;

    @BeforeEach
    void freshDatabase() throws SQLException {
        database = "community" + (++databases);
        try (Connection c = POSTGRES.get().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
    }

    @Override
    PlatformConfig config(Path d) {
        return PlatformConfig.defaults(d).withDatabase(POSTGRES.get().getJdbcUrl("postgres", database), "postgres", "postgres");
    }
}
