package org.peermarket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

    @Test
    void aBadConfigIsBadInputNamingEveryField(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("platform.yaml");
        Files.writeString(config, "port: -3\ncolour: red\nrate_limit: {per_second: 0}\n");
        CliTest.Outcome o = CliTest.run("serve", "--config", config.toString(), "--data-dir", dir.resolve("d").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("port = -3").contains("colour: unknown key").contains("rate_limit.per_second = 0");
        assertThat(dir.resolve("d")).doesNotExist();
    }

    @Test
    void helpNamesTheOptions() {
        CliTest.Outcome o = CliTest.run("serve", "--help");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("--port").contains("--data-dir").contains("--config");
    }
}
