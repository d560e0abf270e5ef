package org.peermarket.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The platform's one ObjectMapper. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String points(List<Order.Point> points) {
        return write(points);
    }

    static List<Order.Point> points(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<Order.Point>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored points are not JSON: " + json, e);
        }
    }
}
