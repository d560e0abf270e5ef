package org.peermarket.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.peermarket.ledger.Checkpoint;
import org.peermarket.ledger.Signatures;
import org.peermarket.model.Problem;
import org.peermarket.model.ValidationException;

/**
 * Where {@code ledger verify} reads checkpoints and the server key from: a file or an http(s)
 * URL. A checkpoint source holds one checkpoint, a JSON array of them (GET /api/checkpoints) or
 * one per line; a key source is base64 itself, or a file or URL holding the base64 or the JSON
 * of GET /api/server-key. Anything unreadable is bad input naming the option and the value.
 */
final class CheckpointSources {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private CheckpointSources() {}

    static List<Checkpoint> checkpoints(List<String> sources) {
        List<Checkpoint> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (String source : sources) {
            String at = "--checkpoint " + source;
            try {
                List<JsonNode> nodes = values(read(source, at), at);
                if (nodes.isEmpty()) {
                    problems.add(new Problem(at, null, "holds no checkpoint"));
                }
                for (int i = 0; i < nodes.size(); i++) {
                    try {
                        out.add(Checkpoint.parse(nodes.get(i), at + " [" + i + "]"));
                    } catch (ValidationException e) {
                        problems.addAll(e.problems());
                    }
                }
            } catch (ValidationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return out;
    }

    static PublicKey serverKey(String source) {
        String at = "--server-key";
        String text = looksLikeBase64Key(source) ? source : read(source, at).trim();
        if (text.startsWith("{")) {
            try {
                text = MAPPER.readTree(text).path("publicKey").asText("");
            } catch (IOException e) {
                throw new ValidationException(new Problem(at, source, "not JSON: " + e.getMessage()));
            }
        }
        try {
            return Signatures.decodePublicKey(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(new Problem(at, source, "not a base64 X.509 Ed25519 public key (nor a file or URL holding one)"));
        }
    }

    /** The key every checkpoint names, when there is one and only one. */
    static PublicKey keyOf(List<Checkpoint> checkpoints) {
        List<String> keys = checkpoints.stream().map(Checkpoint::serverKey).distinct().toList();
        if (keys.size() > 1) {
            throw new ValidationException(new Problem("--checkpoint", keys.size() + " server keys",
                    "the checkpoints name different server keys; say which to trust with --server-key"));
        }
        try {
            return Signatures.decodePublicKey(keys.get(0));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(new Problem("--checkpoint serverKey", keys.get(0), "not a base64 X.509 Ed25519 public key"));
        }
    }

    private static boolean looksLikeBase64Key(String s) {
        return !isUrl(s) && !Files.exists(Path.of(s)) && s.matches("[A-Za-z0-9+/=]{40,}");
    }

    private static boolean isUrl(String s) {
        return s.startsWith("http://") || s.startsWith("https://");
    }

    private static String read(String source, String at) {
        try {
            if (isUrl(source)) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new ValidationException(new Problem(at, source, "answered HTTP " + r.statusCode()));
                }
                return r.body();
            }
            Path file = Path.of(source);
            if (!Files.isRegularFile(file)) {
                throw new ValidationException(new Problem(at, source, "no such file (nor an http or https URL)"));
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new ValidationException(new Problem(at, source, "cannot be read: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ValidationException(new Problem(at, source, "interrupted"));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(new Problem(at, source, "not a file or URL: " + e.getMessage()));
        }
    }

    /** Top-level JSON values of the text, an array's elements counting one by one. */
    private static List<JsonNode> values(String text, String at) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n.isArray()) {
                    n.forEach(out::add);
                } else {
                    out.add(n);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ValidationException(new Problem(at, null, "not JSON: " + e.getMessage()));
        }
        return out;
    }
}
