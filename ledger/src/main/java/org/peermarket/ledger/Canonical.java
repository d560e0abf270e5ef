package org.peermarket.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Canonical JSON of a payload: object keys sorted, no white space, numbers as Jackson writes
 * them. The same map always gives the same text, so the text can be signed and hashed.
 */
public final class Canonical {
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Canonical() {}

    public static String json(Map<String, ?> payload) {
        return json((JsonNode) MAPPER.valueToTree(payload));
    }

    public static String json(JsonNode payload) {
        try {
            return MAPPER.writeValueAsString(sorted(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not JSON-serialisable", e);
        }
    }

    /** The text a signed object's signature is over: its canonical JSON without the {@code signature} field. */
    public static String unsigned(JsonNode signedObject) {
        ObjectNode copy = ((ObjectNode) signedObject).deepCopy();
        copy.remove("signature");
        return json(copy);
    }

    /** Parses canonical (or any) JSON text back into a tree. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Rebuilds a tree with keys in sorted order at every depth. */
    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> m = new java.util.TreeMap<>();
            node.fields().forEachRemaining(e -> m.put(e.getKey(), sorted(e.getValue())));
            return m;
        }
        if (node.isArray()) {
            java.util.List<Object> list = new java.util.ArrayList<>();
            node.forEach(v -> list.add(sorted(v)));
            return list;
        }
        return node;
    }
}
