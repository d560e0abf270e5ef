package org.peermarket.platform;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The scripted session on PostgreSQL (an embedded server from zonky, started for this class). */
class PostgresSessionTest extends ScriptedSession {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path dir;

    @Override
    PlatformConfig config(Path d) {
        return PlatformConfig.defaults(d).withDatabase(POSTGRES.get().getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    @Override
    Path dataDir() {
        return dir;
    }
}
