package org.peermarket.platform;

import java.util.List;
import org.peermarket.model.Problem;

/** An answer other than success: HTTP status, a title and the problems (field, value, message). */
public final class ApiException extends RuntimeException {
    private final int status;
    private final List<Problem> problems;

    public ApiException(int status, String title, List<Problem> problems) {
        super(title);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public ApiException(int status, String title) {
        this(status, title, List.of());
    }

    public static ApiException invalid(String field, Object value, String message) {
        return new ApiException(422, "invalid request", List.of(new Problem(field, value == null ? null : String.valueOf(value), message)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what + " not found");
    }

    public int status() {
        return status;
    }

    public List<Problem> problems() {
        return problems;
    }
}
