package org.peermarket.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.peermarket.platform.PlatformConfig;
import org.peermarket.platform.PlatformServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the live market platform: HTTP API, WebSocket push, dashboard, gate closure, ledger (docs/platform.md).")
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", description = "HTTP port; default 8080 (or the config's).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "D", description = "Data directory (embedded H2 database, admin token); default platform-data.")
    Path dataDir;

    @Option(names = "--config", paramLabel = "F", description = "YAML or JSON config: port, data_dir, database {url, user, password}, rate_limit, batch_size.")
    Path config;

    @Override
    public Integer call() throws Exception {
        PlatformConfig c = PlatformConfig.defaults(Path.of("platform-data"));
        if (config != null) {
            c = PlatformConfig.load(config, c);
        }
        if (port != null) {
            c = c.withPort(port);
        }
        if (dataDir != null) {
            c = c.withDataDir(dataDir);
        }
        PlatformServer server = PlatformServer.start(c);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        var out = spec.commandLine().getOut();
        out.println("peermarket platform listening on http://localhost:" + server.port() + "/ (API /api, OpenAPI /openapi.json)");
        out.println("database: " + (c.jdbcUrl() == null ? "H2 in " + c.dataDir().toAbsolutePath() : c.jdbcUrl()));
        out.println("admin token: " + c.dataDir().resolve("admin.token").toAbsolutePath());
        out.println("server key (signs ledger entries and checkpoints; GET /api/server-key): " + server.serverPublicKey());
        out.flush();
        stopped.await();
        return 0;
    }
}
