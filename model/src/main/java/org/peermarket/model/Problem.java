package org.peermarket.model;

/** One validation problem: where it is, the value found there, and what is wrong. */
public record Problem(String path, String value, String message) {
    @Override
    public String toString() {
        return value == null ? path + ": " + message : path + " = " + value + ": " + message;
    }
}
