package dev.swapdeck.proxy;

import dev.swapdeck.loading.LoadProgress;
import dev.swapdeck.loading.LoadTracker;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.routing.Lease;
import dev.swapdeck.routing.Presence;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.Upstreams;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Sends a routed request to its model's upstream: waits for a lease without blocking the IO thread,
 * then forwards on the exchange's IO thread with {@link UpstreamCall} (plain TCP, pooled connections
 * that acknowledge at once) or, for https upstreams and upgrades, {@link ProxyHandlerFallback}. The
 * upstream's own statuses pass through unchanged; failing to reach it becomes our 502, or a new start of
 * a crashed model for a request no server read ({@link LeaseEndings}). The lease closes when the
 * exchange completes, or as soon as the client leaves.
 *
 * <p>The request sent upstream is the exchange's request URI and query as they are when
 * {@link #forward} is called.
 */
final class Forwarder {
    private static final HttpString PROXY_CONNECTION = new HttpString("Proxy-Connection");
    private static final BufferedBody NO_BODY = BufferedBody.of(new byte[0]);

    private final LogHub log;
    private final LoadTracker loads;
    /** How long an answer waits for a client that takes none of it ({@link ClientStall}). */
    private final Duration clientStall;
    private final UpstreamPools pools = new UpstreamPools(UpstreamPool.Reuse.fromSystemProperty());
    private final ProxyHandlerFallback fallback;

    /** @param loads the starts under way, to say how long a 429's client should wait */
    Forwarder(LogHub log, LoadTracker loads, Duration clientStall) {
        this.log = log;
        this.loads = loads;
        this.clientStall = clientStall;
        this.fallback = new ProxyHandlerFallback(log);
    }

    /**
     * Forwards a request whose body was read in full as {@code body} (perhaps rewritten): the lean
     * path writes it from there; only Undertow's proxy, for https and upgrades, is handed it back
     * through the exchange.
     */
    void forward(HttpServerExchange exchange, Upstreams upstreams, Route route, BufferedBody body) {
        forward(exchange, upstreams, route, body, served -> body);
    }

    /**
     * {@link #forward(HttpServerExchange, Upstreams, Route, BufferedBody)} for a body rewritten for
     * {@code route}: {@code bodyFor} rewrites the client's body again for the route a reload gives the
     * request instead (another {@code useModelName}, other filters), if it does.
     */
    void forward(HttpServerExchange exchange, Upstreams upstreams, Route route, BufferedBody body,
                 Function<Route, BufferedBody> bodyFor) {
        acquire(exchange, new Routing(upstreams, route, body, bodyFor));
    }

    /**
     * Acquires a lease on {@code route} and forwards to it. Call from a handler on the IO thread.
     * {@code bodyInMemory}: the request body was read in full and put back into the exchange.
     * Otherwise it is read (bounded by the server's entity limit) once the lease is held.
     */
    void forward(HttpServerExchange exchange, Upstreams upstreams, Route route, boolean bodyInMemory) {
        acquire(exchange, new Routing(upstreams, route, bodyInMemory ? NO_BODY : null, served -> null));
    }

    /**
     * What a request is routed with, kept so it can be routed once more ({@link LeaseEndings}).
     * {@code body}: as sent for {@code asked}; {@code bodyFor} rewrites it for the route a reload gives
     * the request instead. A null body is read from the exchange once the lease is held; NO_BODY: it was
     * put back into the exchange.
     */
    private record Routing(Upstreams upstreams, Route asked, BufferedBody body, Function<Route, BufferedBody> bodyFor) {
        /** The same request with its body read as {@code read}: the client's, for any route. */
        Routing withBody(BufferedBody read) {
            return new Routing(upstreams, asked, read, served -> read);
        }
    }

    private void acquire(HttpServerExchange exchange, Routing routing) {
        LeaseSlot slot = LeaseSlot.on(exchange);
        CompletableFuture<Lease> pending;
        try {
            pending = routing.upstreams().acquire(routing.asked().withPresence(watchable(exchange, routing)
                    ? ClientPresence.of(exchange, slot) : Presence.ASSUMED));
        } catch (RuntimeException e) {
            ApiError.from(e).send(exchange, log, routing.asked().modelId());
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
                proceed(exchange, routing, lease, failure, slot);
            }
            return;
        }
        if (watchable(exchange, routing)) {
            // only a request that waits for its lease is watched so; once forwarded, ClientDeparture watches
            ClientWatch.start(exchange, slot);
        }
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> pending.whenComplete((lease, failure) -> {
            if (pending.isCancelled() || (lease != null && !slot.hold(lease))) {
                return; // withdrawn or abandoned: the client is gone
            }
            exchange.dispatch(exchange.getIoThread(), ex -> proceed(ex, routing, lease, failure, slot));
        }));
    }

    /**
     * Whether the client's socket may be looked at while the request waits: not while a body still to be
     * streamed upstream is in it, as a look would take its bytes.
     */
    private static boolean watchable(HttpServerExchange exchange, Routing routing) {
        return routing.body() != null || exchange.isRequestComplete();
    }

    private void proceed(HttpServerExchange exchange, Routing routing, Lease lease, Throwable failure, LeaseSlot slot) {
        Route asked = routing.asked();
        if (failure != null) {
            ApiError error = ApiError.from(failure);
            if (error.status() == 429) {
                error = loads.current(asked.modelId()).flatMap(LoadProgress::remaining)
                        .map(error::retryingNoSoonerThan).orElse(error);
            }
            // a reload may have removed the name: the refusal is then nobody's, as any unknown name's
            error.send(exchange, log, error.status() == 404 ? null : asked.modelId());
            return;
        }
        Route route = lease.route();
        BufferedBody asSent = routing.body();
        BufferedBody body = asSent;
        if (route != asked && asSent != null && asSent != NO_BODY) {
            try {
                body = routing.bodyFor().apply(route);
            } catch (BadBodyException e) {
                ApiError.badRequest(e.getMessage()).send(exchange, log, route.modelId());
                return;
            }
        }
        if (log.threshold() == LogLevel.DEBUG && !LeaseEndings.routedAgain(exchange)) {
            logWhenComplete(exchange, route.modelId(), System.nanoTime());
        }
        dropHopByHopHeaders(exchange);
        if (lease.model().extras().isRemote()) {
            UpstreamRequest.addressPeer(exchange, lease);
        }
        if (ProxyHandlerFallback.needed(exchange, lease)) {
            if (body != null && body != NO_BODY) {
                putBack(exchange, body);
            }
            fallback.forward(exchange, lease);
        } else if (body != null && body != NO_BODY) {
            call(exchange, lease, slot, body, routing);
        } else if (hasBody(exchange)) {
            exchange.getRequestReceiver().receiveFullBytes((ex, bytes) -> {
                BufferedBody read = BufferedBody.of(bytes);
                call(ex, lease, slot, read, routing.withBody(read));
            }, (ex, e) -> BodyLimit.unreadable(ex, e, BodyCap.limit(ex), log, route.modelId()));
        } else {
            call(exchange, lease, slot, NO_BODY, routing);
        }
    }

    /**
     * Puts {@code body} back as the exchange's unread request body, with a matching Content-Length,
     * for Undertow's proxy to read. Only there: bytes put back are drained again when the exchange
     * ends, which cost the lean path a fifth of its time per request.
     */
    private static void putBack(HttpServerExchange exchange, BufferedBody body) {
        exchange.getRequestHeaders().remove(Headers.TRANSFER_ENCODING);
        // the body has been received already: the upstream must not be asked to invite it
        exchange.getRequestHeaders().remove(Headers.EXPECT);
        exchange.getRequestHeaders().put(Headers.CONTENT_LENGTH, body.length());
        if (body.length() > 0) {
            Connectors.ungetRequestBytes(exchange, body.asPooledBuffers());
            Connectors.resetRequestChannel(exchange);
        }
    }

    static boolean hasBody(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getRequestHeaders();
        String length = headers.getFirst(Headers.CONTENT_LENGTH);
        return headers.contains(Headers.TRANSFER_ENCODING) || length != null && !length.trim().equals("0");
    }

    private void call(HttpServerExchange exchange, Lease lease, LeaseSlot slot, BufferedBody body, Routing routing) {
        UpstreamPool pool = pools.poolFor(lease);
        ByteBuffer head = UpstreamRequest.head(exchange, lease.upstream(), body.length());
        CallEndings endings = new LeaseEndings(log, lease, slot, () -> acquire(exchange, routing));
        UpstreamCall upstreamCall = new UpstreamCall(exchange, pool, head, body.views(), endings, clientStall);
        // dispatched, so Undertow does not end the exchange when the current handler returns
        exchange.dispatch(SameThreadExecutor.INSTANCE, upstreamCall::start);
    }

    /**
     * Headers that describe the client's connection to Swapdeck, not the request (RFC 9110 §7.6.1),
     * stay here: a client's "Connection: close" would otherwise close a pooled upstream connection
     * on every request, and proxy credentials would reach the model server.
     */
    private static void dropHopByHopHeaders(HttpServerExchange exchange) {
        boolean upgrade = UpgradeRequest.asked(exchange);
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
        if (upgrade) {
            headers.put(Headers.CONNECTION, Headers.UPGRADE_STRING); // the handshake the upstream must see
        } else {
            headers.remove(Headers.UPGRADE);
        }
    }

    private void logWhenComplete(HttpServerExchange exchange, String model, long startNanos) {
        exchange.addExchangeCompleteListener((ex, next) -> {
            long micros = (System.nanoTime() - startNanos) / 1_000;
            // an exchange that ends before its answer began (its client left) has only Undertow's default 200
            String outcome = ex.isResponseStarted() ? Integer.toString(ex.getStatusCode())
                    : "no answer, the connection closed";
            log.log(LogLevel.DEBUG, model, ex.getRequestMethod() + " " + ex.getRequestURI() + " -> " + outcome + " in "
                    + micros / 1000.0 + " ms");
            next.proceed();
        });
    }

    /** Drops the pooled upstream connections. */
    void close() {
        pools.close();
        fallback.close();
    }
}
