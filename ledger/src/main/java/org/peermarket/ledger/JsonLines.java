package org.peermarket.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's export format: one JSON object per line, {@code {"seq","type","submitter",
 * "period","payload","sig","prev","hash"}}, the payload as its canonical JSON text (so the
 * hashed bytes survive the round trip exactly).
 */
public final class JsonLines {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLines() {}

    public static String line(LedgerEntry e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("seq", e.sequence());
        o.put("type", e.type());
        o.put("submitter", e.submitter());
        o.put("period", e.period());
        o.put("payload", e.payload());
        o.put("sig", e.signature());
        o.put("prev", e.prevHash());
        o.put("hash", e.hash());
        return o.toString();
    }

    public static void write(List<LedgerEntry> entries, Writer out) throws IOException {
        for (LedgerEntry e : entries) {
            out.write(line(e));
            out.write('\n');
        }
    }

    /** The export as one text, one entry a line. */
    public static String text(List<LedgerEntry> entries) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            write(entries, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        return out.toString();
    }

    public static void write(List<LedgerEntry> entries, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(entries, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an export; a line that is not an entry throws IllegalArgumentException naming the line. */
    public static List<LedgerEntry> read(Path file) throws IOException {
        List<LedgerEntry> entries = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int lineNo = 0;
            while ((text = r.readLine()) != null) {
                lineNo++;
                if (!text.isBlank()) {
                    entries.add(parse(text, lineNo));
                }
            }
        }
        return entries;
    }

    static LedgerEntry parse(String text, int lineNo) {
        JsonNode o;
        try {
            o = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("line " + lineNo + ": not JSON", e);
        }
        if (o == null || !o.isObject() || !o.path("seq").isIntegralNumber()) {
            throw new IllegalArgumentException("line " + lineNo + ": not a ledger entry (an object with an integer seq)");
        }
        return new LedgerEntry(o.get("seq").asLong(), o.path("type").asText(), o.path("submitter").asText(),
                o.path("period").asText(), o.path("payload").asText(), o.path("sig").asText(), o.path("prev").asText(),
                o.path("hash").asText());
    }
}
