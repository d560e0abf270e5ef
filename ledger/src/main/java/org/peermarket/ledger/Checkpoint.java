package org.peermarket.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;

/**
 * A signed checkpoint (docs/ledger.md#checkpoints), made at each period's gate closure: the
 * ledger then held {@code count} entries, the last with hash {@code head}, and {@code root} is
 * the Merkle root of all of them. {@code hashes} lists the hashes of the entries since the
 * previous checkpoint (sequences {@code from} to {@code count - 1}), so that whoever keeps every
 * checkpoint can name the exact entry where a rewritten chain departs. {@code signature} is the
 * server key's Ed25519 signature of the canonical JSON of every other field.
 */
public record Checkpoint(String market, int period, long from, long count, String head, String root, String time,
                         String serverKey, List<String> hashes, String signature) {

    public Checkpoint {
        hashes = List.copyOf(hashes);
    }

    public static Checkpoint signed(KeyPair key, String market, int period, long from, long count, String head, String root,
                                    String time, List<String> hashes) {
        Checkpoint draft = new Checkpoint(market, period, from, count, head, root, time, Signatures.encode(key.getPublic()), hashes, "");
        return draft.withSignature(Signatures.sign(key.getPrivate(), draft.signedText()));
    }

    private Checkpoint withSignature(String sig) {
        return new Checkpoint(market, period, from, count, head, root, time, serverKey, hashes, sig);
    }

    /** Every field but the signature, in canonical JSON: the text the server signs. */
    public String signedText() {
        Map<String, Object> m = fields();
        return Canonical.json(m);
    }

    private Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("market", market);
        m.put("period", period);
        m.put("from", from);
        m.put("count", count);
        m.put("head", head);
        m.put("root", root);
        m.put("time", time);
        m.put("serverKey", serverKey);
        m.put("hashes", hashes);
        return m;
    }

    /** The published form: every field and the signature. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = fields();
        m.put("signature", signature);
        return m;
    }

    public boolean signedBy(PublicKey key) {
        return Signatures.verify(key, signedText(), signature);
    }

    /** "market day period 3 (12 entries)" */
    public String describe() {
        return "checkpoint of market " + market + " period " + period + " (" + count + " entries, " + time + ")";
    }

    /** A checkpoint from its JSON; every bad field is a problem named {@code at.field}. */
    public static Checkpoint parse(JsonNode n, String at) {
        List<Problem> problems = new ArrayList<>();
        if (n == null || !n.isObject()) {
            throw new ValidationException(new Problem(at, n == null ? null : n.toString(), "not a checkpoint (a JSON object)"));
        }
        String market = text(n, "market", at, problems);
        long period = number(n, "period", at, problems);
        long from = number(n, "from", at, problems);
        long count = number(n, "count", at, problems);
        String head = hex(n, "head", at, problems);
        String root = hex(n, "root", at, problems);
        String time = text(n, "time", at, problems);
        String key = text(n, "serverKey", at, problems);
        String sig = text(n, "signature", at, problems);
        List<String> hashes = new ArrayList<>();
        JsonNode hs = n.get("hashes");
        if (hs == null || !hs.isArray()) {
            problems.add(new Problem(at + ".hashes", hs == null ? null : hs.toString(), "required: the list of entry hashes since the previous checkpoint"));
        } else {
            hs.forEach(h -> hashes.add(h.asText()));
            if (problems.isEmpty() && (from > count || hashes.size() != count - from)) {
                problems.add(new Problem(at + ".hashes", hashes.size() + " hashes", "must hold count - from = " + (count - from) + " hashes"));
            } else if (problems.isEmpty() && !hashes.isEmpty() && !hashes.get(hashes.size() - 1).equals(head)) {
                problems.add(new Problem(at + ".head", head, "is not the last of hashes"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new Checkpoint(market, (int) period, from, count, head, root, time, key, hashes, sig);
    }

    private static String text(JsonNode n, String field, String at, List<Problem> problems) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            problems.add(new Problem(at + "." + field, v == null ? null : v.toString(), "required: a non-empty string"));
            return "";
        }
        return v.asText();
    }

    private static String hex(JsonNode n, String field, String at, List<Problem> problems) {
        String s = text(n, field, at, problems);
        if (!s.isEmpty() && !s.matches("[0-9a-f]{64}")) {
            problems.add(new Problem(at + "." + field, s, "must be 64 lowercase hex digits (a SHA-256)"));
        }
        return s;
    }

    private static long number(JsonNode n, String field, String at, List<Problem> problems) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || v.asLong() < 0) {
            problems.add(new Problem(at + "." + field, v == null ? null : v.toString(), "required: a whole number >= 0"));
            return 0;
        }
        return v.asLong();
    }
}
