package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.process.ShuttingDownException;
import dev.swapdeck.process.StartFailedException;
import dev.swapdeck.routing.RoutingException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.xnio.IoUtils;
import java.util.concurrent.ExecutionException;

/**
 * Every error the proxy answers with, and the one place that builds their bodies: OpenAI-shaped
 * {@code {"error":{"message","type","code"}}} with a stable status per failure (SPEC §6). The message
 * is written for the person who reads it: what happened and what to do.
 *
 * @param retryAfterSeconds the {@code Retry-After} the answer carries; none when 0
 */
public record ApiError(int status, String type, String code, String message, long retryAfterSeconds) {

    /** Seconds a client is asked to wait after a 429, or a 503 for too many bodies in memory or a reload. */
    static final int RETRY_AFTER_SECONDS = 1;
    private static final HttpString RETRY_AFTER = new HttpString("Retry-After");
    /** OpenAI's type for a failure on the server's side, which llama-swap gives its 502s and 503s too. */
    static final String SERVER_ERROR = "server_error";
    private static final String BODY_BUDGET = "body_budget_exhausted";
    private static final String RELOADING = "config_reloading";
    private static final String CHALLENGE = "Basic realm=\"swapdeck\", charset=\"UTF-8\"";
    private static final String MODELS_HINT = "GET /v1/models lists the models";

    /** An error whose answer asks for no particular wait. */
    public ApiError(int status, String type, String code, String message) {
        this(status, type, code, message, 0);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "invalid_request_error", "invalid_body", message);
    }

    /**
     * 400 for a request body that could not be read: cut short when the client closed its side before
     * sending all of it (Undertow reports a declared length cut short as UT000128, a chunked body as
     * a closed channel), else the read's own reason.
     */
    public static ApiError unreadableBody(IOException e) {
        String reason = String.valueOf(e.getMessage());
        if (e instanceof ClosedChannelException || reason.startsWith("UT000128")) {
            return badRequest("the request body was cut short: the client closed the connection before sending all of it");
        }
        return badRequest("could not read the request body: " + describe(e));
    }

    public static ApiError bodyStalled(Duration stallTimeout) {
        return new ApiError(408, "invalid_request_error", "body_timeout", "the request body stopped arriving: no byte came for "
                + stallTimeout.toSeconds() + " s (security.requestHeaderTimeout); the connection is closed");
    }

    /** Swapdeck reads a model route's body to route it; it does not decompress one. */
    public static ApiError unsupportedEncoding(String encoding) {
        return new ApiError(415, "invalid_request_error", "unsupported_content_encoding", "request bodies with "
                + "Content-Encoding " + encoding + " are not supported: send the body uncompressed");
    }

    public static ApiError missingModel() {
        return missingModel("set the \"model\" field");
    }

    /** {@code how}: where this route takes the model's name ("add ?model=<name> to the URL"). */
    public static ApiError missingModel(String how) {
        return new ApiError(400, "invalid_request_error", "missing_model",
                "the request names no model: " + how + " (" + MODELS_HINT + ")");
    }

    /** {@code /logs/stream/<name>} names no log: 400, as llama-swap answers ("invalid logger"). */
    public static ApiError unknownLog(String message) {
        return new ApiError(400, "invalid_request_error", "invalid_log", message);
    }

    public static ApiError unknownModel(String message) {
        String text = message.contains("/v1/models") ? message : message + " (" + MODELS_HINT + ")";
        return new ApiError(404, "invalid_request_error", "model_not_found", text);
    }

    /**
     * 400 from llama.cpp's router API, with llama.cpp's words first: a load of a model that is loading or
     * loaded ({@code model_already_running}), an unload of one that is not ({@code model_not_running}) or
     * that does not exist ({@code model_not_found}: llama.cpp answers that 400 on unload, 404 on load).
     */
    public static ApiError routerRefusal(String code, String message) {
        return new ApiError(400, "invalid_request_error", code, message);
    }

    /**
     * 404 for a load or unload of a peer's model (llama-swap answers its unload so): a peer's models run,
     * or not, on the peer, which Swapdeck never starts or stops.
     */
    public static ApiError peerModel(String model, String peer) {
        return new ApiError(404, "invalid_request_error", "model_not_local", "no local server for " + model
                + ": it is served by peer " + peer + ", which starts and stops its own models; send requests "
                + "to it through Swapdeck as they are");
    }

    /** 404 for a path no route serves; a server's own routes (llama-server's /tokenize, say) are one prefix away. */
    public static ApiError noRoute(String method, String path) {
        if (path.equals("/api/metrics") || path.startsWith("/api/metrics/")) {
            // llama-swap's activity routes, which its users' dashboards and scripts may ask for
            return new ApiError(404, "invalid_request_error", "not_found", "no route for " + method + " " + path
                    + ": Swapdeck's request history is GET /api/activity, and its metrics GET /metrics (Prometheus)");
        }
        // llama-swap's /v/ stands for the server's root: /v/tokenize is the server's /tokenize
        String own = path.startsWith("/v/") ? path.substring(2) : path;
        return new ApiError(404, "invalid_request_error", "not_found", "no route for " + method + " " + path
                + "; a model server's own routes are reached through /upstream/<model>"
                + (path.startsWith(UpstreamPathHandler.PREFIX) || path.equals("/upstream") ? "/<path>" : own));
    }

    public static ApiError methodNotAllowed(String method, String path, String allow) {
        return new ApiError(405, "invalid_request_error", "method_not_allowed",
                method + " is not allowed on " + path + "; use " + allow.replace(", ", " or "));
    }

    /** A request that may not start its model (llama-swap's {@code upstream.ignorePaths}) while it is not running. */
    public static ApiError notLoaded(String model, String path) {
        return new ApiError(409, "invalid_request_error", "model_not_loaded", "model " + model + " is not loaded and "
                + path + " matches upstream.ignorePaths, so it does not start it; load the model first");
    }

    /** 400 for a request that says {@code autoload=false} and names a model that is not running, in llama.cpp's words first. */
    public static ApiError notLoadedWithoutAutoload(String model) {
        return new ApiError(400, "invalid_request_error", "model_not_loaded", "model is not loaded: " + model
                + " is not running and the request says autoload=false, so it does not start it; load it first, or"
                + " send the request without autoload=false");
    }

    /** A configuration file that cannot be used; the message lists every problem, one per line. */
    public static ApiError invalidConfig(String problems) {
        return new ApiError(400, "invalid_request_error", "invalid_config",
                "the configuration was not reloaded; the running one stays. Fix these and reload:\n" + problems);
    }

    public static ApiError tooLarge(long limitBytes) {
        return new ApiError(413, "invalid_request_error", "body_too_large",
                "the request body is larger than the limit of " + limitBytes + " bytes; send a smaller one, or "
                        + "raise security.maxBodySize in the configuration and reload it");
    }

    /** 413 on a route whose body limit is fixed (a control route's small JSON, say), not the configured one. */
    public static ApiError tooLargeForRoute(long limitBytes) {
        return new ApiError(413, "invalid_request_error", "body_too_large",
                "the request body is larger than the " + limitBytes + " bytes this route accepts; send a smaller one");
    }

    /** 403 for a request the Host check or the origin policy refused; {@code message} says what admits it. */
    public static ApiError forbidden(String code, String message) {
        return new ApiError(403, "permission_error", code, message);
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "authentication_error", "invalid_api_key",
                "a valid API key is required: send it as \"Authorization: Bearer KEY\", \"x-api-key: KEY\" or as "
                        + "the Basic-auth password (the keys are the apiKeys of the configuration)");
    }

    public static ApiError bodyBudgetExhausted(long budgetBytes) {
        return new ApiError(503, SERVER_ERROR, BODY_BUDGET, "too many large request bodies are being received "
                + "at once (together over security.bodyBudget, " + budgetBytes + " bytes); retry in a moment",
                RETRY_AFTER_SECONDS);
    }

    public static ApiError tooManyFeeds(int open) {
        return new ApiError(503, SERVER_ERROR, "too_many_streams", "too many log and event streams are open at once ("
                + open + "): close one that another client left open, then retry", RETRY_AFTER_SECONDS);
    }

    public static ApiError tooManyRequests(String message) {
        return new ApiError(429, "rate_limit_error", "concurrency_limit", message, RETRY_AFTER_SECONDS);
    }

    /**
     * This error asking the client to wait at least {@code wait} (whole seconds, rounded up) before
     * it retries, where it asks for a wait at all: a 429 for a model whose start has that long left
     * to go cannot be served sooner, since every slot is held by a request waiting for that start.
     */
    public ApiError retryingNoSoonerThan(Duration wait) {
        long seconds = (wait.toMillis() + 999) / 1000;
        return retryAfterSeconds == 0 || seconds <= retryAfterSeconds ? this
                : new ApiError(status, type, code, message, seconds);
    }

    public static ApiError upstreamFailed(String message) {
        return new ApiError(502, SERVER_ERROR, "upstream_unavailable", message);
    }

    public static ApiError shuttingDown() {
        return new ApiError(503, SERVER_ERROR, "shutting_down", "Swapdeck is shutting down");
    }

    /** The model does not fit in the memory budget (SPEC §11); the message carries the numbers. */
    public static ApiError noRoom(String message) {
        return new ApiError(503, SERVER_ERROR, "insufficient_memory", message);
    }

    /** 503 with the router's reason: shutting down, or a reload that is replacing this model. */
    static ApiError unavailable(String message) {
        return new ApiError(503, SERVER_ERROR, "shutting_down", message == null || message.isBlank()
                ? "Swapdeck is shutting down" : message);
    }

    /** 503 for a request a reload could not route again (another reload, then a shutdown). */
    static ApiError reloading(String message) {
        return new ApiError(503, SERVER_ERROR, RELOADING, message, RETRY_AFTER_SECONDS);
    }

    public static ApiError internal(Throwable cause) {
        return new ApiError(500, SERVER_ERROR, "internal_error", "internal error: " + describe(cause));
    }

    /** Maps what a lease, a load or a route lookup failed with to the status SPEC §6 gives it. */
    public static ApiError from(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RoutingException routing) {
            switch (routing.kind()) {
                case UNKNOWN_MODEL: return unknownModel(routing.getMessage());
                case TOO_MANY_REQUESTS: return tooManyRequests(routing.getMessage());
                case UPSTREAM_FAILED: return upstreamFailed(routing.getMessage());
                case SHUTTING_DOWN: return unavailable(routing.getMessage());
                case RELOADING: return reloading(routing.getMessage());
                case NO_ROOM: return noRoom(routing.getMessage());
                default: return internal(routing);
            }
        }
        if (cause instanceof StartFailedException) {
            return upstreamFailed(cause.getMessage());
        }
        if (cause instanceof ShuttingDownException) {
            return shuttingDown();
        }
        return internal(cause);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).put("code", code);
        return root.toString();
    }

    /**
     * Logs this error to the proxy log and answers with it, unless the response has already started
     * (then the connection is closed, the only signal left). Call on the exchange's thread.
     */
    public void send(HttpServerExchange exchange, ProxyLog log, String model) {
        String request = exchange.getRequestMethod() + " " + exchange.getRequestPath();
        if (!exchange.getConnection().isOpen()) {
            log.log(LogLevel.INFO, model, request + " -> no answer, the client's connection is closed: " + message);
            exchange.endExchange();
            return;
        }
        log.log(status >= 500 ? LogLevel.ERROR : LogLevel.WARN, model, request + " -> " + status + ": " + message);
        if (exchange.isResponseStarted()) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        exchange.setStatusCode(status);
        if (retryAfterSeconds > 0) {
            exchange.getResponseHeaders().put(RETRY_AFTER, retryAfterSeconds);
        }
        if (status == 401) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, CHALLENGE);
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, Json.CONTENT_TYPE);
        exchange.getResponseSender().send(toJson());
    }
}
