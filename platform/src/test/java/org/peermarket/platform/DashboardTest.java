package org.peermarket.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium: after a cleared period and with orders for the next one,
 * the rendered page shows the open period's book, the trades, the price per period and the
 * grid occupancy of the bus with a capacity. Numbers are the hand-computed ones of
 * {@link ScriptedSession}'s auction.
 */
class DashboardTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void rendersBookTradesPricesAndGrid(@TempDir Path dir) throws Exception {
        // CI sets peermarket.browser.required: there a missing browser fails the test instead of skipping it
        if (!Boolean.getBoolean("peermarket.browser.required")) {
            Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (apt-get install -y chromium)");
        }
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        try (PlatformServer server = PlatformServer.start(PlatformConfig.defaults(dir.resolve("data")).withPort(0), clock)) {
            String base = "http://127.0.0.1:" + server.port();
            ApiClient admin = new ApiClient(base, "admin", server.adminToken(), null);
            admin.post("/api/buses", Map.of("id", "b1", "capacity", 10.0));
            ApiClient alice = admin.register("alice", "b1", "peer");
            ApiClient bob = admin.register("bob", "b1", "peer");
            ApiClient carol = admin.register("carol", null, "peer");
            ApiClient dave = admin.register("dave", null, "peer");
            admin.post("/api/markets", Map.of("id", "day", "mechanism", "auction/uniform", "start", "2026-01-01T10:00:00Z",
                    "periodMinutes", 60, "gateMinutes", 60, "periods", 3));
            String p0 = "2026-01-01T10:00:00Z";
            String p1 = "2026-01-01T11:00:00Z";
            String p2 = "2026-01-01T12:00:00Z";
            alice.submit("day", "sell", p0, p1, 5, 0.10, "a1");
            carol.submit("day", "sell", p0, p1, 3, 0.14, "c1");
            bob.submit("day", "buy", p0, p1, 4, 0.20, "b1");
            dave.submit("day", "buy", p0, p1, 3, 0.12, "d1");
            clock.set(Instant.parse("2026-01-01T09:00:00Z"));
            assertThat(server.closeDuePeriods()).hasSize(1);
            carol.submit("day", "sell", p1, p2, 2.5, 0.1375, "c2");
            dave.submit("day", "buy", p1, p2, 1.25, 0.0925, "d2");

            String dom = dumpDom(base + "/?market=day", dir);
            assertThat(dom).contains("data-ready=\"1\"");
            String book = section(dom, "id=\"book\"");
            assertThat(book).contains("0.1375").contains("2.500").contains("0.0925").contains("1.250");
            assertThat(section(dom, "id=\"results\"")).contains("0.1200").contains("5.000");
            assertThat(section(dom, "id=\"trades\"")).contains("0.1200").contains("4.000").contains("1.000");
            // bus b1: alice sold 5, bob bought 4: net injection 1 kWh of a 10 kWh capacity
            String grid = section(dom, "id=\"grid\"");
            assertThat(grid).contains("b1").contains("1.000").contains("10.0 %");
            assertThat(dom).contains("<polyline");
        }
    }

    private static String section(String dom, String marker) {
        int at = dom.indexOf(marker);
        assertThat(at).as(marker + " in the page").isPositive();
        return dom.substring(at, dom.indexOf("</table>", at));
    }

    private static String dumpDom(String url, Path dir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")),
                "--virtual-time-budget=10000", "--dump-dom", url));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.log").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
