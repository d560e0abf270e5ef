package org.peermarket.platform;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The scripted session on the default embedded H2 database in the data directory. */
class H2SessionTest extends ScriptedSession {
    @TempDir
    Path dir;

    @Override
    PlatformConfig config(Path d) {
        return PlatformConfig.defaults(d);
    }

    @Override
    Path dataDir() {
        return dir;
    }
}
