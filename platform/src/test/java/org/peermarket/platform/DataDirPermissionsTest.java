package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory the server creates, and the H2 database in it, are the owner's only, as admin.token is. */
class DataDirPermissionsTest {

    @Test
    void theDatabaseFilesAndTheirDirectoryAreOwnerOnly(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("data");
        for (int start = 0; start < 2; start++) { // created, then opened again
            try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir).withPort(0), new TestClock(Instant.EPOCH))) {
                assertThat(server.adminToken()).isNotBlank();
            }
            assertThat(permissions(dir)).isEqualTo("rwx------");
            assertThat(permissions(PlatformConfig.defaults(dir).h2File())).isEqualTo("rw-------");
            assertThat(permissions(dir.resolve("admin.token"))).isEqualTo("rw-------");
            assertThat(permissions(dir.resolve(ServerKey.PRIVATE_FILE))).isEqualTo("rw-------");
            try (var files = Files.list(dir)) {
                // server.pub is the published half of the server key (GET /api/server-key): public by design
                files.filter(f -> !f.getFileName().toString().equals("server.pub"))
                        .forEach(f -> assertThat(permissions(f)).as(f.toString()).isEqualTo("rw-------"));
            }
        }
    }

    private static String permissions(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
