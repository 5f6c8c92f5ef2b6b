package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A non-2xx answer from an upstream to a request whose response Swapdeck had already started (loading
 * progress sent as SSE), so its status can no longer reach the client. Its body is kept, bounded, so
 * that the SSE {@code error} event ending the stream carries the server's own error (SPEC §6: an
 * upstream's own error passes through), e.g. llama-server's "the request exceeds the available context
 * size", not a message of Swapdeck's about a status.
 */
final class UpstreamRefusal {
    /** More than any server's error object; a longer body is cut here. */
    static final int LIMIT = 16 * 1024;
    private static final int QUOTED = 300;

    private final int status;
    private final String reason;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    UpstreamRefusal(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    /** Keeps as much of {@code slice} as the limit allows; the slice is consumed either way. */
    void add(ByteBuffer slice) {
        int take = Math.min(slice.remaining(), LIMIT - body.size());
        byte[] bytes = new byte[take];
        slice.get(bytes);
        slice.position(slice.limit());
        body.write(bytes, 0, take);
    }

    /**
     * The event's JSON on one line: the upstream's own body when it is an OpenAI-style error object
     * ({@code {"error": {...}}}), else Swapdeck's error naming the status and quoting the start of the
     * body.
     */
    String eventJson(String model) {
        JsonNode own = ownError();
        return own != null ? own.toString() : asApiError(model).toJson();
    }

    /** What the server said, for the log and the request's activity record. */
    String message(String model) {
        JsonNode own = ownError();
        if (own != null && own.path("error").path("message").isTextual()) {
            return "the server of model " + model + " answered " + status + ": " + own.path("error").path("message").asText();
        }
        return asApiError(model).message();
    }

    private ApiError asApiError(String model) {
        String text = body.toString(StandardCharsets.UTF_8).strip();
        String quoted = text.length() > QUOTED ? text.substring(0, QUOTED) + "…" : text;
        String type = status >= 500 ? ApiError.SERVER_ERROR : "invalid_request_error";
        return new ApiError(status, type, "upstream_status_" + status, "the server of model " + model + " answered "
                + status + " " + reason + (quoted.isEmpty() ? "" : ": " + quoted));
    }

    private JsonNode ownError() {
        try {
            JsonNode node = Json.MAPPER.readTree(body.toByteArray());
            return node != null && node.path("error").isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
