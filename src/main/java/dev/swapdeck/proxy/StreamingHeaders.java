package dev.swapdeck.proxy;

import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * Marks a response that streams (server-sent events, a live log) so that a reverse proxy in front of
 * Swapdeck passes each chunk on as it comes: nginx otherwise buffers a proxied answer and a reader
 * gets the tokens in bursts. llama-swap sends the same header on the same responses.
 */
final class StreamingHeaders {
    static final HttpString X_ACCEL_BUFFERING = new HttpString("X-Accel-Buffering");

    private StreamingHeaders() {
    }

    /** Sets {@code X-Accel-Buffering: no} unless the response already says otherwise. */
    static void unbuffered(HeaderMap headers) {
        if (!headers.contains(X_ACCEL_BUFFERING)) {
            headers.put(X_ACCEL_BUFFERING, "no");
        }
    }

    /** As {@link #unbuffered} for an upstream's answer that is an event stream; others are left alone. */
    static void unbufferedIfEventStream(HeaderMap headers) {
        if (isEventStream(headers)) {
            unbuffered(headers);
        }
    }

    /** Whether these headers announce server-sent events. */
    static boolean isEventStream(HeaderMap headers) {
        String type = headers.getFirst(Headers.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, "text/event-stream", 0, "text/event-stream".length());
    }
}
