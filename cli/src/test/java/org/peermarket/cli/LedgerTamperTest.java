package org.peermarket.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.ledger.Canonical;
import org.peermarket.ledger.EntryTypes;
import org.peermarket.ledger.JsonLines;
import org.peermarket.ledger.Ledger;
import org.peermarket.ledger.LedgerEntry;
import org.peermarket.ledger.MemoryLedgerStore;
import org.peermarket.ledger.Signatures;
import org.peermarket.platform.Json;
import org.peermarket.platform.MarketDef;
import org.peermarket.platform.Order;
import org.peermarket.platform.OrderRequest;
import org.peermarket.platform.Participant;
import org.peermarket.platform.PlatformConfig;
import org.peermarket.platform.PlatformServer;
import org.peermarket.platform.Role;

/**
 * The tamper test (docs/ledger.md#what-an-operator-can-and-cannot-hide): an exported ledger of a
 * real platform session edited, cut and rewritten, each checked by {@code ledger verify
 * --checkpoint} against the checkpoints the platform published, the first bad entry named.
 *
 * <p>The session's ledger: 0 server key; 1 admin, 2 p1, 3 p2, 4 p3; 5 market day; 6 p1 sells,
 * 7 p2 buys, 8 p3 buys (period 0); 9 clearing, 10 settlement, 11 close (checkpoint of 12
 * entries); 12 p1 sells, 13 p2 buys (period 1); 14 clearing, 15 settlement, 16 close (checkpoint
 * of 17 entries).
 */
class LedgerTamperTest {
    /** p3's 1 kWh at the uniform price 0.20 in the period 0 settlement, and the operator's version. */
    static final String P3_PAYS_20 = "{\"cents\":20,\"payee\":\"p1\",\"payer\":\"p3\"";
    static final String P3_PAYS_2 = "{\"cents\":2,\"payee\":\"p1\",\"payer\":\"p3\"";

    @TempDir
    static Path dir;
    static Path data;
    static Path checkpoints;
    static Path serverKey;
    static List<String> lines;
    static List<LedgerEntry> entries;

    @BeforeAll
    static void session() throws Exception {
        data = dir.resolve("data");
        org.peermarket.platform.TestClock clock = new org.peermarket.platform.TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (PlatformServer s = PlatformServer.start(PlatformConfig.defaults(data).withPort(0), clock)) {
            Map<String, KeyPair> keys = new java.util.HashMap<>();
            for (String id : List.of("p1", "p2", "p3")) {
                keys.put(id, Signatures.newKeyPair());
                s.exchange().register("admin", id, Set.of(Role.PEER), Signatures.encode(keys.get(id).getPublic()), null);
            }
            s.exchange().createMarket("admin", new MarketDef("day", "auction/uniform", Instant.parse("2026-01-02T00:00:00Z"), 60, 0, 2));
            order(s, keys, "p1", 0, "sell", 2, 0.10);
            order(s, keys, "p2", 0, "buy", 2, 0.20);
            order(s, keys, "p3", 0, "buy", 1, 0.30);
            clock.set(Instant.parse("2026-01-02T00:00:00Z"));
            assertThat(s.closeDuePeriods()).hasSize(1);
            order(s, keys, "p1", 1, "sell", 1, 0.10);
            order(s, keys, "p2", 1, "buy", 1, 0.20);
            clock.set(Instant.parse("2026-01-02T01:00:00Z"));
            assertThat(s.closeDuePeriods()).hasSize(1);
            entries = s.exchange().ledgerEntries();
            checkpoints = dir.resolve("checkpoints.json");
            Files.writeString(checkpoints, Json.write(s.exchange().checkpoints().stream().map(c -> c.toMap()).toList()));
            serverKey = dir.resolve("server-key.txt");
            Files.writeString(serverKey, s.serverPublicKey());

            // from the running server: checkpoints and key by URL
            String base = "http://127.0.0.1:" + s.port();
            Path export = dir.resolve("live.jsonl");
            JsonLines.write(entries, export);
            CliTest.Outcome live = CliTest.run("ledger", "verify", export.toString(), "--checkpoint", base + "/api/checkpoints",
                    "--checkpoint", base + "/api/checkpoints/latest", "--server-key", base + "/api/server-key");
            assertThat(live.code()).as(live.out() + live.err()).isZero();
            assertThat(live.out()).contains("ok: 17 entries").contains("checkpoints: 3 verified; the first 17 entries")
                    .contains("(--server-key)");
        }
        assertThat(entries).extracting(LedgerEntry::type).containsExactly("server-key", "participant", "participant", "participant",
                "participant", "market", "order", "order", "order", "clearing", "settlement", "period-close", "order", "order",
                "clearing", "settlement", "period-close");
        lines = entries.stream().map(JsonLines::line).toList();
    }

    private static void order(PlatformServer s, Map<String, KeyPair> keys, String who, int period, String side, double q, double price) {
        String payload = Canonical.json(Map.of("market", "day", "period", period, "side", side, "quantity", q, "price", price));
        Participant p = s.exchange().participant(who).orElseThrow();
        s.exchange().submit(p, new OrderRequest("day", period, side, "limit", "none", List.of(new Order.Point(q, price)), 0,
                who + "-" + period, payload, Signatures.sign(keys.get(who).getPrivate(), payload)));
    }

    private static CliTest.Outcome verify(List<String> ledger, String... more) throws Exception {
        Path file = Files.createTempFile(dir, "tampered", ".jsonl");
        Files.write(file, ledger);
        List<String> args = new ArrayList<>(List.of("ledger", "verify", file.toString()));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    private static CliTest.Outcome withCheckpoints(List<String> ledger) throws Exception {
        return verify(ledger, "--checkpoint", checkpoints.toString());
    }

    private static void assertBadAt(CliTest.Outcome o, int position, int sequence, String reason) {
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(LedgerCommand.BAD_LEDGER);
        assertThat(o.out()).contains("bad entry at position " + position + " (sequence " + sequence + "): ").contains(reason);
    }

    @Test
    void theUntouchedExportVerifiesAgainstItsCheckpoints() throws Exception {
        CliTest.Outcome o = withCheckpoints(lines);
        assertThat(o.code()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("ok: 17 entries").contains("named by the checkpoints");
        CliTest.Outcome alone = verify(lines);
        assertThat(alone.code()).isZero();
        assertThat(alone.out()).contains("truncation and rewrites by the operator").contains("cannot be detected");
    }

    @Test
    void anEditIsNamed() throws Exception {
        List<String> l = new ArrayList<>(lines);
        l.set(7, l.get(7).replace("0.2", "0.25"));
        assertBadAt(withCheckpoints(l), 7, 7, "it was edited");
    }

    @Test
    void aDroppedEntryIsNamed() throws Exception {
        List<String> l = new ArrayList<>(lines);
        l.remove(8);
        assertBadAt(withCheckpoints(l), 8, 9, "an entry was deleted, inserted or moved");
    }

    @Test
    void anInsertedEntryIsNamed() throws Exception {
        List<String> l = new ArrayList<>(lines);
        l.add(6, lines.get(5));
        assertBadAt(withCheckpoints(l), 6, 5, "an entry was deleted, inserted or moved");
    }

    @Test
    void twoReorderedEntriesAreNamed() throws Exception {
        List<String> l = new ArrayList<>(lines);
        l.set(12, lines.get(13));
        l.set(13, lines.get(12));
        assertBadAt(withCheckpoints(l), 12, 13, "sequence 13 where 12 was expected");
    }

    @Test
    void cuttingTheLastEntriesIsATruncation() throws Exception {
        CliTest.Outcome o = withCheckpoints(lines.subList(0, 14));
        assertBadAt(o, 14, 14, "truncated: the checkpoint of market day period 1 (17 entries");
        assertThat(o.out()).contains("committed to 17 entries but the ledger has 14 (sequences 0 to 13); sequences 14 to 16 are missing");
        assertThat(verify(lines.subList(0, 14)).code()).isZero(); // the chain alone cannot tell
    }

    @Test
    void cuttingHalfTheChainIsATruncation() throws Exception {
        CliTest.Outcome o = withCheckpoints(lines.subList(0, 8));
        assertBadAt(o, 8, 8, "committed to 17 entries but the ledger has 8 (sequences 0 to 7); sequences 8 to 16 are missing");
    }

    @Test
    void anEmptyFileIsATruncationAndWithoutCheckpointAnError() throws Exception {
        assertBadAt(withCheckpoints(List.of()), 0, 0, "committed to 17 entries but the ledger has 0; sequences 0 to 16 are missing");
        CliTest.Outcome alone = verify(List.of());
        assertThat(alone.code()).isEqualTo(LedgerCommand.BAD_LEDGER);
        assertThat(alone.out()).contains("the ledger is empty");
    }

    @Test
    void anOperatorRewriteDroppingASignedOrderIsNamed() throws Exception {
        List<String> rewritten = rewrite(7, null);
        assertThat(verify(rewritten).code()).isZero(); // consistent: every hash, root and server signature recomputed
        assertBadAt(withCheckpoints(rewritten), 7, 7, "that the checkpoint of market day period 0 (12 entries");
    }

    @Test
    void anOperatorRewriteOfSettlementCentsIsNamed() throws Exception {
        LedgerEntry settlement = entries.get(10);
        assertThat(settlement.payload()).contains(P3_PAYS_20);
        List<String> rewritten = rewrite(10, e -> payload(e, e.payload().replace(P3_PAYS_20, P3_PAYS_2)));
        assertThat(verify(rewritten, "--server-key", serverKey.toString()).code()).isZero();
        assertBadAt(withCheckpoints(rewritten), 10, 10, "for sequence 10: the chain was rewritten from here");
    }

    @Test
    void anOperatorRewritePromotingAPeerToAdminIsNamed() throws Exception {
        assertThat(entries.get(3).payload()).contains("\"id\":\"p2\"").contains("\"roles\":[\"peer\"]");
        List<String> rewritten = rewrite(3, e -> payload(e, e.payload().replace("\"roles\":[\"peer\"]", "\"roles\":[\"admin\",\"peer\"]")));
        assertThat(verify(rewritten).code()).isZero();
        assertBadAt(withCheckpoints(rewritten), 3, 3, "for sequence 3");
    }

    @Test
    void aRewriteWithoutTheServerKeyIsNamedByTheServerSignature() throws Exception {
        List<String> rewritten = rewrite(10, Signatures.newKeyPair(), e -> payload(e, e.payload().replace(P3_PAYS_20, P3_PAYS_2)));
        assertBadAt(verify(rewritten, "--server-key", serverKey.toString()), 10, 10, "server signature does not verify");
    }

    @Test
    void badCheckpointsAndKeys() throws Exception {
        String text = Files.readString(checkpoints);
        Path forged = dir.resolve("forged.json");
        Files.writeString(forged, text.replaceFirst("\"time\":\"2026-01-02T00:00:00Z\"", "\"time\":\"2026-01-02T00:00:01Z\""));
        CliTest.Outcome o = verify(lines, "--checkpoint", forged.toString());
        assertThat(o.code()).isEqualTo(LedgerCommand.BAD_LEDGER);
        assertThat(o.out()).contains("bad: checkpoint of market day period 0").contains("does not carry a valid signature");
        CliTest.Outcome otherKey = verify(lines, "--checkpoint", checkpoints.toString(), "--server-key",
                Signatures.encode(Signatures.newKeyPair().getPublic()));
        assertThat(otherKey.code()).isEqualTo(LedgerCommand.BAD_LEDGER);

        CliTest.Outcome missing = verify(lines, "--checkpoint", dir.resolve("nothing.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--checkpoint " + dir.resolve("nothing.json") + " = " + dir.resolve("nothing.json")
                + ": no such file");
        Path wrongCount = dir.resolve("count.json");
        Files.writeString(wrongCount, text.replaceFirst("\"count\":12", "\"count\":13"));
        CliTest.Outcome malformed = verify(lines, "--checkpoint", wrongCount.toString());
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.err()).contains("[0].hashes = 12 hashes: must hold count - from = 13 hashes");
        CliTest.Outcome badKey = verify(lines, "--server-key", "not-a-key");
        assertThat(badKey.code()).isEqualTo(2);
        assertThat(badKey.err()).contains("--server-key = not-a-key");
    }

    /** The operator's rewrite: with the server key from the data dir, entry {@code at} changed (or dropped), all after rebuilt. */
    private static List<String> rewrite(int at, UnaryOperator<LedgerEntry> change) throws Exception {
        return rewrite(at, operatorKey(), change);
    }

    private static List<String> rewrite(int at, KeyPair key, UnaryOperator<LedgerEntry> change) {
        Ledger l = new Ledger(new MemoryLedgerStore(), key);
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry e = entries.get(i);
            if (i < at) {
                l.store().append(e);
                continue;
            }
            if (i == at) {
                if (change == null) {
                    continue;
                }
                e = change.apply(e);
            }
            if (e.type().equals(EntryTypes.PERIOD_CLOSE)) {
                l.closePeriod(e.period(), e.submitter());
            } else {
                l.append(e.type(), e.submitter(), e.period(), e.payload(), EntryTypes.serverSigned(e.type()) ? "" : e.signature());
            }
        }
        return l.store().entries().stream().map(JsonLines::line).toList();
    }

    private static KeyPair operatorKey() throws Exception {
        byte[] der = Base64.getDecoder().decode(Files.readString(data.resolve("server.key")).trim());
        return new KeyPair(Signatures.decodePublicKey(Files.readString(data.resolve("server.pub")).trim()),
                KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)));
    }

    private static LedgerEntry payload(LedgerEntry e, String payload) {
        return new LedgerEntry(e.sequence(), e.type(), e.submitter(), e.period(), payload, e.signature(), e.prevHash(), e.hash());
    }
}
