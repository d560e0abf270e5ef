package org.peermarket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.ledger.Canonical;
import org.peermarket.ledger.EntryTypes;
import org.peermarket.ledger.JsonLines;
import org.peermarket.ledger.LedgerEntry;

/**
 * {@code run --ledger} (docs/ledger.md#a-runs-ledger): the run's clearings and settlements as a signed, hash-chained
 * ledger that {@code ledger verify} accepts with the key summary.json names, whose settlement entries hold exactly
 * settlement.csv's cents, and which an edit of one cent breaks.
 */
class RunLedgerTest {
    @Test
    void aRunsLedgerVerifiesHoldsItsSettlementAndAnEditIsFound(@TempDir Path dir) throws Exception {
        CliTest.Outcome o = CliTest.run("run", "community-basic", "--ledger", "--no-parquet", "--out", dir.toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        String key = summary.get("ledger").get("server_key").asText();
        Path file = dir.resolve("ledger.jsonl");
        List<LedgerEntry> entries = JsonLines.read(file);
        // the server key, then per period (3) its clearing, settlement and close
        assertThat(entries).hasSize(1 + 3 * 3);
        assertThat(summary.get("ledger").get("entries").asInt()).isEqualTo(entries.size());
        assertThat(entries.stream().map(LedgerEntry::type).toList()).startsWith(EntryTypes.SERVER_KEY, EntryTypes.CLEARING,
                EntryTypes.SETTLEMENT, EntryTypes.PERIOD_CLOSE);

        // the settlement entries hold every transaction of settlement.csv, with the same cents
        long ledgerCents = 0;
        int ledgerLines = 0;
        for (LedgerEntry e : entries) {
            if (e.type().equals(EntryTypes.SETTLEMENT)) {
                for (JsonNode t : Canonical.parse(e.payload()).get("transactions")) {
                    ledgerCents += t.get("cents").asLong();
                    ledgerLines++;
                }
            }
        }
        List<String> csv = Files.readAllLines(dir.resolve("settlement.csv"));
        String[] header = csv.get(0).split(",");
        int amount = List.of(header).indexOf("amount");
        long csvCents = 0;
        for (String line : csv.subList(1, csv.size())) {
            csvCents += Math.round(Double.parseDouble(line.split(",")[amount]) * 100);
        }
        assertThat(ledgerLines).isEqualTo(csv.size() - 1);
        assertThat(ledgerCents).isEqualTo(csvCents).isPositive();

        CliTest.Outcome good = CliTest.run("ledger", "verify", file.toString(), "--server-key", key);
        assertThat(good.code()).as(good.out() + good.err()).isZero();

        // a 9 written before the first transaction's cents in the first settlement: the chain no longer holds
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int at = 2; // 0 server key, 1 clearing, 2 settlement of period 1
        String edited = lines.get(at).replaceFirst("\\\\\"cents\\\\\":(\\d+)", "\\\\\"cents\\\\\":9$1");
        assertThat(edited).isNotEqualTo(lines.get(at));
        lines.set(at, edited);
        Files.write(file, lines);
        CliTest.Outcome bad = CliTest.run("ledger", "verify", file.toString(), "--server-key", key);
        assertThat(bad.code()).as(bad.out()).isEqualTo(3);
        assertThat(bad.out()).contains("sequence 2");
    }
}
