package org.peermarket.platform;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The meter reading tests on PostgreSQL (an embedded server from zonky), a fresh database per test. */
class MeterReadingsPostgresTest extends MeterReadingsTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();
    private static int databases;
    private String database;

    @BeforeEach
    void freshDatabase() throws SQLException {
        database = "meters" + (++databases);
        try (Connection c = POSTGRES.get().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
    }

    @Override
    PlatformConfig config(Path d) {
        return PlatformConfig.defaults(d).withDatabase(POSTGRES.get().getJdbcUrl("postgres", database), "postgres", "postgres");
    }
}
