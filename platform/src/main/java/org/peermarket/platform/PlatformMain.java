package org.peermarket.platform;

import java.nio.file.Path;

/**
 * Starts a platform without the CLI (used by the durability test, which runs the server in its
 * own JVM): {@code --port P --data-dir D [--rate PER_SECOND]
 * [--signature-check on_receipt|before_activation]}. Prints "listening on P" once ready.
 */
public final class PlatformMain {
    private PlatformMain() {}

    public static void main(String[] args) throws Exception {
        PlatformConfig c = PlatformConfig.defaults(Path.of("platform-data")).withPort(0);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> c = c.withPort(Integer.parseInt(args[i + 1]));
                case "--data-dir" -> c = c.withDataDir(Path.of(args[i + 1]));
                case "--rate" -> c = c.withRateLimit(Double.parseDouble(args[i + 1]), Double.parseDouble(args[i + 1]));
                case "--jdbc" -> c = c.withDatabase(args[i + 1], null, null);
                case "--signature-check" -> c = c.withSignaturesCheckedLater(args[i + 1].equals(PlatformConfig.BEFORE_ACTIVATION));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PlatformServer server = PlatformServer.start(c);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("listening on " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
