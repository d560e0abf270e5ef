package org.peermarket.platform;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The meter reading tests on PostgreSQL (an embedded server from zonky), a fresh database per test. */
class MeterReadingsPostgresTest extends MeterReadingsTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();
    private static int databases;
    private String url;

    @BeforeEach
    void freshDatabase() throws SQLException {
        url = POSTGRES.freshDatabase("meters" + (++databases));
    }

    @Override
    PlatformConfig config(Path d) {
        return PostgresServer.config(d, url);
    }
}
