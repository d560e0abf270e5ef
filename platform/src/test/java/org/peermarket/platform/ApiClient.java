package org.peermarket.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peermarket.ledger.Canonical;
import org.peermarket.ledger.Signatures;

/** A participant talking to the platform over HTTP, signing its orders with its own key. */
final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String base;
    final String id;
    final String token;
    final KeyPair key;

    record Reply(int status, JsonNode json, String text) {}

    ApiClient(String base, String id, String token, KeyPair key) {
        this.base = base;
        this.id = id;
        this.token = token;
        this.key = key;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path, Object body) {
        String text = body instanceof String s ? s : Json.write(body);
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    private Reply send(HttpRequest.Builder b) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = Json.MAPPER.readTree(r.body());
            } catch (Exception e) {
                // not JSON (the dashboard, the ledger export)
            }
            return new Reply(r.statusCode(), json, r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers a participant (this client must be an admin); returns the new participant's client. */
    ApiClient register(String newId, String bus, String... roles) {
        KeyPair k = Signatures.newKeyPair();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", newId);
        body.put("roles", List.of(roles));
        body.put("publicKey", Signatures.encode(k.getPublic()));
        if (bus != null) {
            body.put("bus", bus);
        }
        Reply r = post("/api/participants", body);
        if (r.status() != 201) {
            throw new IllegalStateException("register " + newId + ": " + r.status() + " " + r.text());
        }
        return new ApiClient(base, newId, r.json().get("token").asText(), k);
    }

    /** An order body, signed. */
    Map<String, Object> order(String market, String side, String from, String to, double quantity, double price, String clientId) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("market", market);
        o.put("side", side);
        o.put("from", from);
        o.put("to", to);
        o.put("points", List.of(Map.of("quantity", quantity, "price", price)));
        o.put("clientId", clientId);
        return sign(o);
    }

    Map<String, Object> sign(Map<String, Object> unsigned) {
        Map<String, Object> o = new LinkedHashMap<>(unsigned);
        o.remove("signature");
        // the server canonicalises the parsed JSON: sign the same text it will compute
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = Json.MAPPER.convertValue(Json.MAPPER.valueToTree(o), Map.class);
        o.put("signature", Signatures.sign(key.getPrivate(), Canonical.json(parsed)));
        return o;
    }

    Reply submit(String market, String side, String from, String to, double quantity, double price, String clientId) {
        return post("/api/orders", order(market, side, from, to, quantity, price, clientId));
    }

    Reply cancel(long order) {
        return post("/api/orders/" + order + "/cancel", Map.of("order", order,
                "signature", Signatures.sign(key.getPrivate(), Canonical.json(Map.of("order", order)))));
    }

    /** The same participant talking to another server (a restarted one). */
    ApiClient at(String otherBase) {
        return new ApiClient(otherBase, id, token, key);
    }

    ApiClient withToken(String t) {
        return new ApiClient(base, id, t, key);
    }
}
