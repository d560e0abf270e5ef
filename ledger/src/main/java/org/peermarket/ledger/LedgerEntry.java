package org.peermarket.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One entry of the hash-chained ledger (markets.md section 9). {@code payload} is canonical
 * JSON ({@link Canonical}); {@code period} names the delivery period the entry belongs to
 * (empty when none) so that the period's Merkle root can be recomputed; {@code signature} is the
 * submitter's Ed25519 signature of the payload (base64, empty for unsigned entries);
 * {@code prevHash} and {@code hash} are lowercase hex SHA-256.
 */
public record LedgerEntry(long sequence, String type, String submitter, String period, String payload,
                          String signature, String prevHash, String hash) {

    /** Hash of the chain's first predecessor: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    public LedgerEntry {
        type = nonNull(type);
        submitter = nonNull(submitter);
        period = nonNull(period);
        payload = nonNull(payload);
        signature = nonNull(signature);
        prevHash = nonNull(prevHash);
        hash = nonNull(hash);
    }

    /** A new entry with its hash computed over the canonical encoding. */
    public static LedgerEntry create(long sequence, String type, String submitter, String period, String payload,
                                     String signature, String prevHash) {
        LedgerEntry draft = new LedgerEntry(sequence, type, submitter, period, payload, signature, prevHash, "");
        return new LedgerEntry(sequence, type, submitter, period, payload, signature, prevHash, draft.computeHash());
    }

    /**
     * SHA-256 over the canonical encoding: the sequence as 8 bytes big-endian, then each text
     * field (type, submitter, period, payload, signature, prevHash) as a 4-byte length and its
     * UTF-8 bytes. Length prefixes make the encoding unambiguous whatever the fields contain.
     */
    public String computeHash() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + payload.length());
        out.writeBytes(ByteBuffer.allocate(8).putLong(sequence).array());
        for (String field : new String[] {type, submitter, period, payload, signature, prevHash}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return Hashes.hex(Hashes.sha256(out.toByteArray()));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
