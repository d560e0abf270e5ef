package org.peermarket.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peermarket.model.ValidationException;

/** Server signatures and checkpoints on a hand-built chain (docs/ledger.md#checkpoints). */
class CheckpointTest {
    private final KeyPair server = Signatures.newKeyPair();
    private final KeyPair alice = Signatures.newKeyPair();
    private List<LedgerEntry> chain;
    private Checkpoint first;
    private Checkpoint second;

    /**
     * 0 server key; 1 alice; 2 market; 3 alice's order; 4 clearing; 5 settlement; 6 close
     * (checkpoint: 7 entries); 7 alice's order; 8 clearing; 9 close (checkpoint: 10 entries).
     */
    @BeforeEach
    void buildChain() {
        Ledger ledger = new Ledger(new MemoryLedgerStore(), server);
        ledger.announceServerKey("platform");
        ledger.append(EntryTypes.PARTICIPANT, "admin", "", Canonical.json(Map.of("id", "alice", "roles", List.of("peer"),
                "publicKey", Signatures.encode(alice.getPublic()))), "");
        ledger.append("market", "admin", "", Canonical.json(Map.of("id", "m")), "");
        order(ledger, "m/0", 1);
        ledger.append(EntryTypes.CLEARING, "platform", "m/0", Canonical.json(Map.of("trades", List.of())), "");
        ledger.append(EntryTypes.SETTLEMENT, "platform", "m/0", Canonical.json(Map.of("cents", 12)), "");
        ledger.closePeriod("m/0", "platform");
        order(ledger, "m/1", 2);
        ledger.append(EntryTypes.CLEARING, "platform", "m/1", Canonical.json(Map.of("trades", List.of())), "");
        ledger.closePeriod("m/1", "platform");
        chain = new ArrayList<>(ledger.store().entries());
        first = checkpoint(0, 7);
        second = checkpoint(7, 10);
    }

    private void order(Ledger l, String period, int id) {
        String json = Canonical.json(Map.of("id", id, "side", "sell"));
        l.append(EntryTypes.ORDER, "alice", period, json, Signatures.sign(alice.getPrivate(), json));
    }

    /** The checkpoint of the first {@code count} entries, its fields worked out here from the chain. */
    private Checkpoint checkpoint(int from, int count) {
        List<String> hashes = chain.subList(0, count).stream().map(LedgerEntry::hash).toList();
        return Checkpoint.signed(server, "m", count == 7 ? 0 : 1, from, count, hashes.get(count - 1), Merkle.rootOfHashes(hashes),
                "2026-01-01T00:00:00Z", hashes.subList(from, count));
    }

    @Test
    void platformEntriesCarryTheServerSignatureOverTheirPlaceInTheChain() {
        assertThat(chain.get(0).type()).isEqualTo(EntryTypes.SERVER_KEY);
        for (int i : new int[] {0, 1, 2, 4, 5, 6, 8, 9}) {
            String text = "peermarket ledger entry " + LedgerEntry.create(i, chain.get(i).type(), chain.get(i).submitter(),
                    chain.get(i).period(), chain.get(i).payload(), "", chain.get(i).prevHash()).hash();
            assertThat(Signatures.verify(server.getPublic(), text, chain.get(i).signature())).as("entry " + i).isTrue();
        }
        assertThat(Signatures.verify(alice.getPublic(), chain.get(3).payload(), chain.get(3).signature())).isTrue();
        Verification v = CheckpointVerifier.verify(chain, List.of(first, second), server.getPublic());
        assertThat(v.ok()).as(v.describe()).isTrue();
        assertThat(LedgerVerifier.verify(chain, server.getPublic()).ok()).isTrue();
    }

    @Test
    void aLedgerAnnouncingAnotherKeyThanTheTrustedOneIsNamedAtItsServerKeyEntry() {
        Verification v = LedgerVerifier.verify(chain, Signatures.newKeyPair().getPublic());
        assertThat(v.position()).as(v.describe()).isZero();
        assertThat(v.reason()).contains("not the trusted server key");
    }

    @Test
    void anEntryRewrittenWithoutTheServerKeyIsNamedEvenWithoutACheckpoint() {
        // someone without the server key changes the settlement and re-hashes the chain: the server signature breaks
        chain = rewrite(chain, Signatures.newKeyPair(), 5, e -> with(e, e.payload().replace("12", "99")));
        Verification v = LedgerVerifier.verify(chain);
        assertThat(v.position()).as(v.describe()).isEqualTo(5);
        assertThat(v.reason()).contains("settlement entry's server signature does not verify");
    }

    @Test
    void withATrustedKeyAndNoServerKeyEntryEveryPlatformEntryMustBeSigned() {
        Ledger unsigned = new Ledger(new MemoryLedgerStore());
        unsigned.append(EntryTypes.PARTICIPANT, "admin", "", Canonical.json(Map.of("id", "bob")), "");
        List<LedgerEntry> entries = unsigned.store().entries();
        assertThat(LedgerVerifier.verify(entries).ok()).isTrue();
        Verification v = LedgerVerifier.verify(entries, server.getPublic());
        assertThat(v.position()).isZero();
        assertThat(v.reason()).contains("participant entry carries no server signature");
    }

    @Test
    void aSecondRegistrationOfAParticipantIsNamed() {
        // a new key for alice, appended by someone rewriting the chain, would let it sign orders in her name
        KeyPair mallory = Signatures.newKeyPair();
        Ledger l = new Ledger(new MemoryLedgerStore(), server);
        chain.forEach(l.store()::append);
        l.append(EntryTypes.PARTICIPANT, "admin", "", Canonical.json(Map.of("id", "alice", "publicKey", Signatures.encode(mallory.getPublic()))), "");
        Verification v = LedgerVerifier.verify(l.store().entries(), server.getPublic());
        assertThat(v.position()).as(v.describe()).isEqualTo(10);
        assertThat(v.reason()).contains("participant 'alice' is registered a second time");
    }

    @Test
    void aLedgerBegunBeforeServerKeysIsCoveredFromItsServerKeyEntryOn() {
        // entries 0 and 1 unsigned (an older platform); a start with a key announces it at 2, then signs
        MemoryLedgerStore store = new MemoryLedgerStore();
        Ledger old = new Ledger(store);
        old.append(EntryTypes.PARTICIPANT, "platform", "", Canonical.json(Map.of("id", "admin")), "");
        old.append("market", "admin", "", Canonical.json(Map.of("id", "m")), "");
        Ledger now = new Ledger(store, server);
        assertThat(now.announceServerKey("platform")).isPresent();
        assertThat(now.announceServerKey("platform")).isEmpty(); // announced once
        now.append(EntryTypes.CLEARING, "platform", "m/0", "{}", "");
        Verification v = LedgerVerifier.verify(store.entries(), server.getPublic());
        assertThat(v.ok()).as(v.describe()).isTrue();
        // an unsigned platform entry after the announcement is named
        old.append(EntryTypes.SETTLEMENT, "platform", "m/0", "{}", "");
        Verification after = LedgerVerifier.verify(store.entries(), server.getPublic());
        assertThat(after.position()).isEqualTo(4);
        assertThat(after.reason()).contains("settlement entry carries no server signature");
    }

    @Test
    void truncationNamesTheCountAndTheEntriesPresent() {
        List<LedgerEntry> cut = chain.subList(0, 6);
        assertThat(LedgerVerifier.verify(cut).ok()).isTrue(); // the chain alone cannot tell
        Verification v = CheckpointVerifier.verify(cut, List.of(first), server.getPublic());
        assertThat(v.ok()).isFalse();
        assertThat(v.sequence()).isEqualTo(6);
        assertThat(v.reason()).contains("committed to 7 entries but the ledger has 6 (sequences 0 to 5); sequences 6 to 6 are missing");
        Verification empty = CheckpointVerifier.verify(List.of(), List.of(first, second), server.getPublic());
        assertThat(empty.reason()).contains("committed to 10 entries but the ledger has 0; sequences 0 to 9 are missing");
        assertThat(LedgerVerifier.verify(List.of()).ok()).isFalse();
    }

    @Test
    void anOperatorRewriteIsNamedAtTheFirstEntryThatDiffersFromTheCheckpoint() {
        // the operator holds the server key: it re-signs, re-hashes and recomputes the period roots
        List<LedgerEntry> rewritten = rewrite(chain, server, 5, e -> with(e, e.payload().replace("12", "99")));
        assertThat(LedgerVerifier.verify(rewritten, server.getPublic()).ok()).isTrue(); // undetectable without a checkpoint
        Verification v = CheckpointVerifier.verify(rewritten, List.of(first, second), server.getPublic());
        assertThat(v.position()).as(v.describe()).isEqualTo(5);
        assertThat(v.sequence()).isEqualTo(5);
        assertThat(v.reason()).contains("checkpoint of market m period 0 (7 entries").contains("for sequence 5");
        // holding only the later checkpoint, its first listed hash already differs: the rewrite begins there or earlier
        Verification later = CheckpointVerifier.verify(rewritten, List.of(second), server.getPublic());
        assertThat(later.position()).isEqualTo(7);
        assertThat(later.reason()).contains("begins here or earlier");
    }

    @Test
    void aCheckpointNotSignedByTheServerKeyIsRefused() {
        KeyPair other = Signatures.newKeyPair();
        Checkpoint forged = Checkpoint.signed(other, "m", 0, 0, 7, first.head(), first.root(), first.time(), first.hashes());
        Verification v = CheckpointVerifier.verify(chain, List.of(forged), server.getPublic());
        assertThat(v.ok()).isFalse();
        assertThat(v.describe()).startsWith("bad: checkpoint of market m period 0").contains("does not carry a valid signature");
    }

    @Test
    void checkpointJsonRoundTripsAndBadFieldsAreNamed() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(second.toMap());
        assertThat(Checkpoint.parse(mapper.readTree(json), "c")).isEqualTo(second);
        String bad = json.replace("\"count\":10", "\"count\":11");
        assertThatThrownBy(() -> Checkpoint.parse(mapper.readTree(bad), "c[0]")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("c[0].hashes");
    }

    /** Rebuilds the chain as someone holding {@code key} would: entry {@code at} changed, everything after re-hashed and re-signed. */
    static List<LedgerEntry> rewrite(List<LedgerEntry> chain, KeyPair key, int at, UnaryOperator<LedgerEntry> change) {
        Ledger l = new Ledger(new MemoryLedgerStore(), key);
        for (int i = 0; i < chain.size(); i++) {
            LedgerEntry e = i == at ? change.apply(chain.get(i)) : chain.get(i);
            if (i < at) {
                l.store().append(e);
            } else if (e.type().equals(EntryTypes.PERIOD_CLOSE)) {
                l.closePeriod(e.period(), e.submitter());
            } else {
                l.append(e.type(), e.submitter(), e.period(), e.payload(), EntryTypes.serverSigned(e.type()) ? "" : e.signature());
            }
        }
        return l.store().entries();
    }

    private static LedgerEntry with(LedgerEntry e, String payload) {
        return new LedgerEntry(e.sequence(), e.type(), e.submitter(), e.period(), payload, e.signature(), e.prevHash(), e.hash());
    }
}
