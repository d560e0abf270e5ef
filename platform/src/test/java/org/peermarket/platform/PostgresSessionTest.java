package org.peermarket.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The scripted session on PostgreSQL (an embedded server from zonky, started for this class). */
class PostgresSessionTest extends ScriptedSession {
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

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

    @Override
    PlatformConfig config(Path d) {
        return PlatformConfig.defaults(d).withDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    @Override
    Path dataDir() {
        return dir;
    }
}
