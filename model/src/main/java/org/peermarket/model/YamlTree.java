package org.peermarket.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML into the same tree that JSON gives, remembering the line of every field so that
 * validation errors can point at it. Built on SnakeYAML's node graph rather than Jackson's YAML
 * reader because the latter rejects .nan and .inf outright, and those must be reported as a
 * field with a bad value. Duplicate keys are errors.
 */
final class YamlTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 64;

    /** The tree and, for each field path, its 1-based line. */
    record Result(JsonNode root, Map<String, Integer> lines) {}

    private final String source;
    private final Map<String, Integer> lines = new HashMap<>();

    private YamlTree(String source) {
        this.source = source;
    }

    static Result read(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw bad(source, e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(),
                    e.getProblem() != null ? e.getProblem() : e.getContext());
        } catch (YAMLException e) {
            throw new ValidationException(new Problem(source, null, "bad YAML: " + firstLine(e.getMessage())));
        }
        if (root == null) {
            throw new ValidationException(new Problem(source, null, "the scenario is empty"));
        }
        YamlTree tree = new YamlTree(source);
        return new Result(tree.convert(root, "", 0), Map.copyOf(tree.lines));
    }

    private JsonNode convert(Node node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw bad(source, node.getStartMark(), "nesting deeper than " + MAX_DEPTH + " levels");
        }
        lines.putIfAbsent(path.isEmpty() ? "(document)" : path, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode map) {
            ObjectNode out = NODES.objectNode();
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key)) {
                    throw bad(source, t.getKeyNode().getStartMark(), "a key must be a plain value");
                }
                String name = key.getValue();
                if (out.has(name)) {
                    throw bad(source, key.getStartMark(), "duplicate key '" + name + "'");
                }
                String child = path.isEmpty() ? name : path + "." + name;
                out.set(name, convert(t.getValueNode(), child, depth + 1));
            }
            return out;
        }
        if (node instanceof SequenceNode seq) {
            ArrayNode out = NODES.arrayNode();
            for (int i = 0; i < seq.getValue().size(); i++) {
                out.add(convert(seq.getValue().get(i), path + "[" + i + "]", depth + 1));
            }
            return out;
        }
        return scalar((ScalarNode) node);
    }

    private JsonNode scalar(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return NODES.nullNode();
        }
        if (Tag.BOOL.equals(tag) && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return NODES.booleanNode(Boolean.parseBoolean(text));
        }
        if (Tag.INT.equals(tag)) {
            try {
                BigInteger v = new BigInteger(text.replace("_", "").replaceFirst("^\\+", ""));
                return v.bitLength() < 32 ? NODES.numberNode(v.intValue())
                        : v.bitLength() < 64 ? NODES.numberNode(v.longValue()) : NODES.numberNode(v);
            } catch (NumberFormatException e) {
                return NODES.textNode(text);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return NODES.numberNode(parseFloat(text));
            } catch (NumberFormatException e) {
                return NODES.textNode(text); // e.g. YAML 1.1 base-60 "1:30.5": reported as not a number
            }
        }
        return NODES.textNode(text);
    }

    private static double parseFloat(String text) {
        String t = text.replace("_", "").toLowerCase(Locale.ROOT);
        switch (t) {
            case ".nan":
                return Double.NaN;
            case ".inf":
            case "+.inf":
                return Double.POSITIVE_INFINITY;
            case "-.inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(t);
        }
    }

    private static ValidationException bad(String source, Mark mark, String message) {
        String where = mark == null ? source : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
        return new ValidationException(new Problem(where, null, "bad YAML: " + firstLine(message)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String m = message.strip();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline).strip();
    }
}
