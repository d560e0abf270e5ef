package org.peermarket.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An order stream as a CSV file, for replay through a continuous double auction
 * (docs/auctions.md): a header naming some of {@code time, period, action, id, ref, peer, side,
 * kind, quantity, price}, then one event per line; empty cells are absent. Becomes a
 * {@code market.type: cda} scenario whose peers are the ids met in the file, checked by the same
 * rules as an {@code orders:} list; problems name the file's line and column.
 */
public final class OrderStreamFile {
    private static final Set<String> COLUMNS =
            Set.of("time", "period", "action", "id", "ref", "peer", "side", "kind", "quantity", "price");
    private static final Pattern ORDER_PATH = Pattern.compile("^orders\\[(\\d+)]\\.?(.*)$");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OrderStreamFile() {}

    /** Reads FILE as a CDA scenario named after it; energy in {@code units}, gate closure {@code gate} (null: none). */
    public static Scenario read(Path file, EnergyUnit units, Double gate) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ValidationException(new Problem(file.toString(), null, "cannot read file: " + e.getMessage()));
        }
        String source = file.getFileName().toString();
        List<Integer> lineOf = new ArrayList<>();
        ObjectNode root = tree(lines, source, units, gate, lineOf);
        try {
            return ScenarioParser.parse(root.toString(), source, true);
        } catch (ValidationException e) {
            throw new ValidationException(e.problems().stream().map(p -> located(p, source, lineOf)).toList());
        }
    }

    /** The scenario tree; {@code lineOf} receives each order's 1-based line in the file. */
    private static ObjectNode tree(List<String> lines, String source, EnergyUnit units, Double gate, List<Integer> lineOf) {
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new ValidationException(new Problem(source + " line 1", null, "needs a header: " + sorted()));
        }
        String[] header = lines.get(0).strip().split(",", -1);
        List<Problem> problems = new ArrayList<>();
        for (String h : header) {
            if (!COLUMNS.contains(h.strip())) {
                problems.add(new Problem(source + " line 1", h, "unknown column; expected some of " + sorted()));
            }
        }
        ArrayNode orders = NODES.arrayNode();
        Set<String> peers = new LinkedHashSet<>();
        int periods = 1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.length) {
                problems.add(new Problem(source + " line " + (i + 1), null, "has " + cells.length + " cells; the header has "
                        + header.length));
                continue;
            }
            ObjectNode o = orders.addObject();
            lineOf.add(i + 1);
            for (int c = 0; c < header.length; c++) {
                String cell = cells[c].strip();
                if (!cell.isEmpty()) {
                    o.set(header[c].strip(), value(cell));
                }
            }
            if (o.has("peer")) {
                peers.add(o.get("peer").asText());
            }
            if (o.has("period") && o.get("period").canConvertToInt()) {
                periods = Math.max(periods, o.get("period").asInt());
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        ObjectNode root = NODES.objectNode();
        root.put("name", source.replaceFirst("\\.[^.]*$", ""));
        root.put("periods", periods);
        root.putObject("units").put("energy", units.symbol());
        ObjectNode market = root.putObject("market").put("type", "cda");
        if (gate != null) {
            market.put("gate", gate);
        }
        ArrayNode peerList = root.putArray("peers");
        peers.forEach(id -> peerList.addObject().put("id", id));
        if (peers.isEmpty()) {
            peerList.addObject().put("id", "-");
        }
        root.set("orders", orders);
        return root;
    }

    /** A number when the cell reads as one, else text (the scenario rules then say what is wrong). */
    private static com.fasterxml.jackson.databind.JsonNode value(String cell) {
        try {
            return NODES.numberNode(Long.parseLong(cell));
        } catch (NumberFormatException notWhole) {
            try {
                return NODES.numberNode(Double.parseDouble(cell));
            } catch (NumberFormatException notNumber) {
                return NODES.textNode(cell);
            }
        }
    }

    /** orders[3].side becomes "FILE line N side", N the line that order came from. */
    private static Problem located(Problem p, String source, List<Integer> lineOf) {
        Matcher m = ORDER_PATH.matcher(p.path());
        if (!m.matches()) {
            return new Problem(source + " " + p.path(), p.value(), p.message());
        }
        int line = lineOf.get(Integer.parseInt(m.group(1)));
        String column = m.group(2).isEmpty() ? "" : " " + m.group(2);
        return new Problem(source + " line " + line + column, p.value(), p.message());
    }

    private static String sorted() {
        return COLUMNS.stream().sorted().toList().toString();
    }
}
