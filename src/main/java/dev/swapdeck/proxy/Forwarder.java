package dev.swapdeck.proxy;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.routing.Lease;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.Upstreams;
import io.undertow.server.DefaultResponseListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Headers;
import io.undertow.util.HeaderValues;
import io.undertow.util.HeaderMap;
import io.undertow.server.handlers.proxy.ProxyHandler;
import io.undertow.util.SameThreadExecutor;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a routed request to its model's upstream: waits for a lease without blocking the IO thread,
 * then hands the exchange to Undertow's non-blocking {@link ProxyHandler}, which streams the
 * upstream's status, headers and body back chunk by chunk. The upstream's own statuses pass through
 * unchanged; a failure to reach it becomes our 502. The lease closes when the exchange completes.
 *
 * <p>The request sent upstream is the exchange's request URI and query as they are when
 * {@link #forward} is called, with whatever body is then readable from the exchange.
 */
final class Forwarder {
    private final LogHub log;
    private static final HttpString PROXY_CONNECTION = new HttpString("Proxy-Connection");
    private static final HttpString X_API_KEY = new HttpString("x-api-key");
    private final LeaseProxyClient client = new LeaseProxyClient();
    private final ProxyHandler proxy;

    Forwarder(LogHub log) {
        this.log = log;
        this.proxy = ProxyHandler.builder()
                .setProxyClient(client)
                .setMaxRequestTime(-1)
                .setNext(exchange -> ApiError.internal(new IllegalStateException("no upstream attached"))
                        .send(exchange, log, null))
                .build();
    }

    /**
     * Acquires a lease on {@code route} and forwards to it. Call from a handler on the IO thread.
     * {@code bodyInMemory}: the request body was read in full, so the client's socket can be watched
     * for a departure while the request waits ({@link ClientWatch}).
     */
    void forward(HttpServerExchange exchange, Upstreams upstreams, Route route, boolean bodyInMemory) {
        LeaseSlot slot = LeaseSlot.on(exchange);
        if (bodyInMemory) {
            ClientWatch.start(exchange, slot);
        }
        CompletableFuture<Lease> pending;
        try {
            pending = upstreams.acquire(route);
        } catch (RuntimeException e) {
            ApiError.from(e).send(exchange, log, route.modelId());
            return;
        }
        slot.awaiting(pending);
        if (pending.isDone()) {
            Lease lease = null;
            Throwable failure = null;
            try {
                lease = pending.join();
            } catch (RuntimeException e) {
                failure = e;
            }
            if (lease == null || slot.hold(lease)) {
                proceed(exchange, route, lease, failure);
            }
            return;
        }
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> pending.whenComplete((lease, failure) -> {
            if (pending.isCancelled() || (lease != null && !slot.hold(lease))) {
                return; // withdrawn or abandoned: the client is gone
            }
            exchange.dispatch(exchange.getIoThread(), ex -> proceed(ex, route, lease, failure));
        }));
    }

    private void proceed(HttpServerExchange exchange, Route route, Lease lease, Throwable failure) {
        if (failure != null) {
            ApiError.from(failure).send(exchange, log, route.modelId());
            return;
        }
        if (log.threshold() == LogLevel.DEBUG) {
            logWhenComplete(exchange, route.modelId(), System.nanoTime());
        }
        client.attach(exchange, lease);
        dropHopByHopHeaders(exchange);
        if (lease.model().extras().isRemote()) {
            addressPeer(exchange, lease);
        }
        exchange.setResolvedPath("");
        exchange.addDefaultResponseListener(unreachable(lease));
        try {
            proxy.handleRequest(exchange);
        } catch (Exception e) {
            ApiError.internal(e).send(exchange, log, route.modelId());
        }
    }

    /**
     * Headers that describe the client's connection to Swapdeck, not the request (RFC 9110 §7.6.1),
     * stay here: a client's "Connection: close" would otherwise close a pooled upstream connection
     * on every request, and proxy credentials would reach the model server.
     */
    private static void dropHopByHopHeaders(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getRequestHeaders();
        HeaderValues connection = headers.get(Headers.CONNECTION);
        if (connection != null) {
            for (String value : connection) {
                for (String name : value.split(",")) {
                    String header = name.trim();
                    if (!header.isEmpty() && !header.equalsIgnoreCase(Headers.UPGRADE_STRING)) {
                        headers.remove(header);
                    }
                }
            }
        }
        headers.remove(Headers.CONNECTION);
        headers.remove(Headers.KEEP_ALIVE);
        headers.remove(Headers.TE);
        headers.remove(Headers.TRAILER);
        headers.remove(Headers.PROXY_AUTHORIZATION);
        headers.remove(PROXY_CONNECTION);
        if (!exchange.isUpgrade()) {
            headers.remove(Headers.UPGRADE);
        }
    }

    /**
     * A peer is another server, often a hosted API: it sees its own host name, and its key replaces
     * whatever credentials the client sent to Swapdeck (llama-swap does the same).
     */
    private static void addressPeer(HttpServerExchange exchange, Lease lease) {
        URI upstream = lease.upstream();
        HeaderMap headers = exchange.getRequestHeaders();
        headers.put(Headers.HOST, upstream.getPort() < 0 ? upstream.getHost() : upstream.getHost() + ":" + upstream.getPort());
        lease.apiKey().ifPresent(key -> {
            headers.put(Headers.AUTHORIZATION, "Bearer " + key);
            headers.put(X_API_KEY, key);
        });
    }

    /**
     * ProxyHandler ends the exchange without a body (503, or 500 when the upstream broke before its
     * response began) when it cannot get an answer from the upstream; this turns that into our 502.
     */
    private DefaultResponseListener unreachable(Lease lease) {
        return exchange -> {
            if (exchange.isResponseStarted() || !exchange.getConnection().isOpen()) {
                return false;
            }
            ApiError.upstreamFailed("the server of model " + lease.model().id() + " at " + lease.upstream()
                    + " did not answer (connection refused or closed before a response)")
                    .send(exchange, log, lease.model().id());
            return true;
        };
    }

    private void logWhenComplete(HttpServerExchange exchange, String model, long startNanos) {
        exchange.addExchangeCompleteListener((ex, next) -> {
            long micros = (System.nanoTime() - startNanos) / 1_000;
            log.log(LogLevel.DEBUG, model, ex.getRequestMethod() + " " + ex.getRequestURI() + " -> "
                    + ex.getStatusCode() + " in " + micros / 1000.0 + " ms");
            next.proceed();
        });
    }

    /** Drops the pooled upstream connections. */
    void close() {
        client.close();
    }
}
