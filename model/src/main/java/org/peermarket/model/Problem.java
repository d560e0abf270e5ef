package org.peermarket.model;

/**
 * One validation problem: where it is (field path, and the 1-based source line when known,
 * else 0), the value found there, and what is wrong.
 */
public record Problem(String path, String value, String message, int line) {

    public Problem(String path, String value, String message) {
        this(path, value, message, 0);
    }

    public Problem atLine(int line) {
        return new Problem(path, value, message, line);
    }

    @Override
    public String toString() {
        String where = line > 0 ? " (line " + line + ")" : "";
        return (value == null ? path + ": " + message : path + " = " + value + ": " + message) + where;
    }
}
