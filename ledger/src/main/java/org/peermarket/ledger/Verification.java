package org.peermarket.ledger;

/**
 * Outcome of verifying a ledger: {@code entries} checked; when bad, {@code position} is the
 * 0-based place in the list of the first bad entry, {@code sequence} the sequence it claims
 * (-1 when unreadable) and {@code reason} what is wrong with it. A problem that is no entry's
 * (a checkpoint whose signature does not hold) has position and sequence -1.
 */
public record Verification(boolean ok, long entries, long position, long sequence, String reason) {

    public static Verification good(long entries) {
        return new Verification(true, entries, -1, -1, "");
    }

    public static Verification bad(long entries, long position, long sequence, String reason) {
        return new Verification(false, entries, position, sequence, reason);
    }

    /** One line for people: "ok: 12 entries" or "bad entry at position 4 (sequence 5): ...". */
    public String describe() {
        if (!ok && position < 0) {
            return "bad: " + reason;
        }
        return ok ? "ok: " + entries + " entries, chain and signatures verified"
                : "bad entry at position " + position + " (sequence " + sequence + "): " + reason;
    }
}
