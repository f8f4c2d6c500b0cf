package dev.rein.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the server refuses, as OpenAI's error object says it: the HTTP status, a message naming the field and
 * what it expected, the error type, the offending parameter (or null) and a machine-readable code (or null). Thrown
 * anywhere while a request is handled; the server turns it into {@code {"error": {...}}} and stays up.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String type;
    private final String param;
    private final String code;

    public ApiError(int status, String message, String type, String param, String code) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** 400 for a field that is malformed or out of range. */
    public static ApiError invalid(String param, String message) {
        return new ApiError(400, message, "invalid_request_error", param, null);
    }

    /** 400 with a code, e.g. {@code context_length_exceeded}. */
    public static ApiError invalid(String param, String message, String code) {
        return new ApiError(400, message, "invalid_request_error", param, code);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }

    /** {@code {"error": {"message", "type", "param", "code"}}}: OpenAI's error object, which the lab's API answers too. */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.putObject("error").put("message", getMessage()).put("type", type).put("param", param).put("code", code);
        return out;
    }
}
