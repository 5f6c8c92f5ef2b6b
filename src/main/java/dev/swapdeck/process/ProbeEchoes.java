package dev.swapdeck.process;

import java.net.URI;
import java.util.Optional;

/**
 * Recognises the lines a server prints for Swapdeck's own health checks while it starts:
 * llama-server logs every request it answers ({@code srv log_server_r: request: GET /health
 * 127.0.0.1 503}), uvicorn likewise ({@code "GET /health HTTP/1.1" 503}). Probed every few
 * milliseconds, a minute-long load prints thousands of them, which would push the server's own
 * start-up output (the model loader, the GPU offload, an out-of-memory line) out of the upstream
 * history; and each one would wake the next probe.
 */
final class ProbeEchoes {
    /** Matches nothing: a model without a health check. */
    static final ProbeEchoes NONE = new ProbeEchoes(null);

    /** {@code GET <path>}, as a request line names the probe; null for none. */
    private final String request;

    private ProbeEchoes(String request) {
        this.request = request;
    }

    static ProbeEchoes of(Optional<URI> probe) {
        return probe.map(uri -> new ProbeEchoes("GET " + uri.getRawPath())).orElse(NONE);
    }

    /**
     * Whether {@code line} names a GET of the probe's path as a request line does: followed by a
     * space, a quote, a query or the line's end, so that a probe of {@code /} is not taken for every
     * line holding a slash, nor {@code /health} for {@code /healthz}.
     */
    boolean isEcho(String line) {
        if (request == null) {
            return false;
        }
        for (int at = line.indexOf(request); at >= 0; at = line.indexOf(request, at + 1)) {
            int end = at + request.length();
            if (end == line.length() || " \"?".indexOf(line.charAt(end)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
