package org.peermarket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.ledger.JsonLines;
import org.peermarket.ledger.Signatures;
import org.peermarket.platform.LedgerAccess;
import org.peermarket.platform.MarketDef;
import org.peermarket.platform.PlatformConfig;
import org.peermarket.platform.PlatformServer;
import org.peermarket.platform.Role;

class LedgerCommandTest {

    @Test
    void verifiesADataDirAndAnExportAndNamesTheFirstBadEntry(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        PlatformConfig config = PlatformConfig.defaults(data).withPort(0);
        try (PlatformServer s = PlatformServer.start(config, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))) {
            for (String id : List.of("p1", "p2", "p3")) {
                s.exchange().register("admin", id, Set.of(Role.PEER), Signatures.encode(Signatures.newKeyPair().getPublic()), null);
            }
            s.exchange().createMarket("admin", new MarketDef("m", "auction/uniform", Instant.parse("2026-01-02T00:00:00Z"), 60, 0, 2));
        }
        CliTest.Outcome ok = CliTest.run("ledger", "verify", data.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("ok: 6 entries"); // the server key, admin, three peers, the market

        // an edit straight in the database is named too (of the id field only: a random key's base64 may hold "p2" or "p9")
        try (var c = java.sql.DriverManager.getConnection(config.effectiveJdbcUrl()); var st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE ledger SET payload = REPLACE(payload, '\"id\":\"p2\"', '\"id\":\"p9\"') WHERE seq = 3")).isEqualTo(1);
        }
        CliTest.Outcome edited = CliTest.run("ledger", "verify", "--data-dir", data.toString());
        assertThat(edited.code()).isEqualTo(3);
        assertThat(edited.out()).contains("bad entry at position 3 (sequence 3)").contains("edited");
        try (var c = java.sql.DriverManager.getConnection(config.effectiveJdbcUrl()); var st = c.createStatement()) {
            st.executeUpdate("UPDATE ledger SET payload = REPLACE(payload, '\"id\":\"p9\"', '\"id\":\"p2\"') WHERE seq = 3");
        }

        Path export = dir.resolve("ledger.jsonl");
        JsonLines.write(LedgerAccess.entries(config), export);
        assertThat(CliTest.run("ledger", "verify", export.toString()).code()).isZero();

        List<String> lines = new ArrayList<>(Files.readAllLines(export));
        lines.remove(2);
        Files.write(export, lines);
        CliTest.Outcome bad = CliTest.run("ledger", "verify", export.toString());
        assertThat(bad.code()).isEqualTo(3);
        assertThat(bad.out()).contains("bad entry at position 2 (sequence 3)");

        Files.writeString(export, "not json\n");
        assertThat(CliTest.run("ledger", "verify", export.toString()).code()).isEqualTo(2);
        assertThat(CliTest.run("ledger", "verify", dir.resolve("nothing").toString()).code()).isEqualTo(2);
    }
}
