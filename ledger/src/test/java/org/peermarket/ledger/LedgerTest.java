package org.peermarket.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    private final KeyPair alice = Signatures.newKeyPair();
    private final KeyPair bob = Signatures.newKeyPair();
    private List<LedgerEntry> chain;

    /** 0,1 participants; 2,3 orders; 4 cancel; 5 clearing; 6 period close; 7 settlement. */
    @BeforeEach
    void buildChain() {
        Ledger ledger = new Ledger(new MemoryLedgerStore());
        ledger.append(EntryTypes.PARTICIPANT, "admin", "", Canonical.json(Map.of("id", "alice", "publicKey", Signatures.encode(alice.getPublic()))), "");
        ledger.append(EntryTypes.PARTICIPANT, "admin", "", Canonical.json(Map.of("id", "bob", "publicKey", Signatures.encode(bob.getPublic()))), "");
        signed(ledger, alice, "alice", EntryTypes.ORDER, Map.of("id", 1, "side", "sell", "quantity", 2.5, "price", 0.12));
        signed(ledger, bob, "bob", EntryTypes.ORDER, Map.of("id", 2, "side", "buy", "quantity", 2.0, "price", 0.2));
        signed(ledger, bob, "bob", EntryTypes.CANCEL, Map.of("order", 2));
        ledger.append(EntryTypes.CLEARING, "platform", "m1/p1", Canonical.json(Map.of("trades", List.of())), "");
        ledger.closePeriod("m1/p1", "platform");
        ledger.append(EntryTypes.SETTLEMENT, "platform", "", Canonical.json(Map.of("alice", 0.0)), "");
        chain = new ArrayList<>(ledger.store().entries());
    }

    private static void signed(Ledger l, KeyPair key, String who, String type, Map<String, ?> payload) {
        String json = Canonical.json(payload);
        l.append(type, who, "m1/p1", json, Signatures.sign(key.getPrivate(), json));
    }

    @Test
    void untouchedChainVerifies() {
        Verification v = LedgerVerifier.verify(chain);
        assertThat(v.ok()).as(v.describe()).isTrue();
        assertThat(v.entries()).isEqualTo(8);
        assertThat(chain.get(3).prevHash()).isEqualTo(chain.get(2).hash());
    }

    @Test
    void editIsNamed() {
        LedgerEntry e = chain.get(3);
        chain.set(3, new LedgerEntry(e.sequence(), e.type(), e.submitter(), e.period(), e.payload().replace("2.0", "20.0"),
                e.signature(), e.prevHash(), e.hash()));
        assertBad(3, "edited");
    }

    @Test
    void deletionIsNamed() {
        chain.remove(4);
        assertBad(4, "deleted, inserted or moved");
        assertThat(LedgerVerifier.verify(chain).sequence()).isEqualTo(5);
    }

    @Test
    void insertionIsNamed() {
        chain.add(2, chain.get(5));
        assertBad(2, "deleted, inserted or moved");
    }

    @Test
    void insertionWithRightSequenceButForeignChainIsNamed() {
        LedgerEntry foreign = LedgerEntry.create(2, EntryTypes.CLEARING, "mallory", "", "{}", "", LedgerEntry.GENESIS);
        chain.add(2, foreign);
        assertBad(2, "predecessor hash");
    }

    @Test
    void reorderingIsNamed() {
        LedgerEntry a = chain.get(2);
        chain.set(2, chain.get(3));
        chain.set(3, a);
        assertBad(2, "sequence 3 where 2");
    }

    @Test
    void reorderingWithRenumberingAndRehashingIsCaughtByTheMerkleRoot() {
        // An operator who re-sequences and re-hashes the orders 2 and 3 (both validly signed)
        // keeps the chain consistent, but the period's Merkle root no longer matches.
        List<LedgerEntry> rebuilt = new ArrayList<>(chain.subList(0, 2));
        List<LedgerEntry> moved = List.of(chain.get(3), chain.get(2), chain.get(4), chain.get(5), chain.get(6), chain.get(7));
        for (LedgerEntry e : moved) {
            LedgerEntry prev = rebuilt.get(rebuilt.size() - 1);
            rebuilt.add(LedgerEntry.create(rebuilt.size(), e.type(), e.submitter(), e.period(), e.payload(), e.signature(), prev.hash()));
        }
        chain = rebuilt;
        assertBad(6, "period 'm1/p1' closes with");
    }

    @Test
    void forgedSignatureIsNamed() {
        // bob's order rewritten, re-signed with alice's key and the chain re-hashed from there
        LedgerEntry e = chain.get(3);
        String payload = e.payload().replace("2.0", "9.0");
        chain.set(3, LedgerEntry.create(3, e.type(), "bob", e.period(), payload, Signatures.sign(alice.getPrivate(), payload), e.prevHash()));
        rechainFrom(4);
        assertBad(3, "signature of order by 'bob' does not verify");
    }

    @Test
    void orderFromUnregisteredSubmitterIsNamed() {
        LedgerEntry e = chain.get(2);
        chain.set(2, LedgerEntry.create(2, e.type(), "carol", e.period(), e.payload(), e.signature(), e.prevHash()));
        rechainFrom(3);
        assertBad(2, "no public key registered for submitter 'carol'");
    }

    @Test
    void merkleRootOfThreeLeavesMatchesHandComputedTree() throws Exception {
        byte[] a = sha(new byte[] {'a'});
        byte[] b = sha(new byte[] {'b'});
        byte[] c = sha(new byte[] {'c'});
        // RFC 6962: root = H(1 || H(1 || H(0||a) || H(0||b)) || H(0||c))
        byte[] la = sha(cat(new byte[] {0}, a));
        byte[] lb = sha(cat(new byte[] {0}, b));
        byte[] lc = sha(cat(new byte[] {0}, c));
        byte[] left = sha(cat(new byte[] {1}, cat(la, lb)));
        byte[] root = sha(cat(new byte[] {1}, cat(left, lc)));
        assertThat(Merkle.root(List.of(a, b, c))).isEqualTo(root);
        HexFormat hex = HexFormat.of();
        assertThat(Merkle.rootOfHashes(List.of(hex.formatHex(a), hex.formatHex(b), hex.formatHex(c)))).isEqualTo(hex.formatHex(root));
        assertThat(Merkle.root(List.of(a))).isEqualTo(la);
    }

    @Test
    void theFrontierGivesTheRootOfEveryPrefix() {
        Merkle.Frontier f = new Merkle.Frontier();
        List<String> hashes = new ArrayList<>();
        assertThat(f.root()).isEqualTo(Merkle.rootOfHashes(hashes));
        for (int i = 0; i < 70; i++) {
            String h = Hashes.hex(Hashes.sha256(new byte[] {(byte) i}));
            hashes.add(h);
            Merkle.Frontier before = f.copy();
            f.addHash(h);
            assertThat(f.root()).as(i + 1 + " leaves").isEqualTo(Merkle.rootOfHashes(hashes));
            assertThat(before.count()).isEqualTo(i);
        }
    }

    @Test
    void periodCloseCarriesTheRootOfThePeriodsEntries() {
        LedgerEntry close = chain.get(6);
        List<String> leaves = List.of(chain.get(2).hash(), chain.get(3).hash(), chain.get(4).hash(), chain.get(5).hash());
        assertThat(Canonical.parse(close.payload()).get("root").asText()).isEqualTo(Merkle.rootOfHashes(leaves));
        assertThat(Canonical.parse(close.payload()).get("count").asInt()).isEqualTo(4);
    }

    @Test
    void jsonLinesRoundTripAndTamperedFileIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        JsonLines.write(chain, file);
        List<LedgerEntry> back = JsonLines.read(file);
        assertThat(back).isEqualTo(chain);
        assertThat(LedgerVerifier.verify(back).ok()).isTrue();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(5, lines.get(5).replace("\\\"trades\\\":[]", "\\\"trades\\\":[1]"));
        Files.write(file, lines);
        Verification v = LedgerVerifier.verify(JsonLines.read(file));
        assertThat(v.position()).isEqualTo(5);
        assertThat(v.reason()).contains("edited");
    }

    @Test
    void canonicalJsonSortsKeysAtEveryDepth() {
        assertThat(Canonical.json(Map.of("b", 1, "a", Map.of("z", true, "y", List.of(2.5, "x")))))
                .isEqualTo("{\"a\":{\"y\":[2.5,\"x\"],\"z\":true},\"b\":1}");
    }

    private void rechainFrom(int from) {
        for (int i = from; i < chain.size(); i++) {
            LedgerEntry e = chain.get(i);
            chain.set(i, LedgerEntry.create(e.sequence(), e.type(), e.submitter(), e.period(), e.payload(), e.signature(),
                    chain.get(i - 1).hash()));
        }
    }

    private void assertBad(int position, String reason) {
        Verification v = LedgerVerifier.verify(chain);
        assertThat(v.ok()).isFalse();
        assertThat(v.position()).as(v.describe()).isEqualTo(position);
        assertThat(v.reason()).contains(reason);
    }

    private static byte[] sha(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private static byte[] cat(byte[] x, byte[] y) {
        byte[] r = new byte[x.length + y.length];
        System.arraycopy(x, 0, r, 0, x.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }
}
