package dev.swapdeck.proxy;

import dev.swapdeck.logging.LogHub;
import dev.swapdeck.routing.Lease;
import io.undertow.server.DefaultResponseListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.ProxyHandler;

/**
 * The forwarding path for what the lean plain-TCP path does not do: https upstreams (the JVM's default
 * TLS) and protocol upgrades. It is Undertow's {@link ProxyHandler} over {@link LeaseProxyClient}'s
 * pools; slower per request, but these are remote or rare.
 */
final class ProxyHandlerFallback {
    private final LogHub log;
    private final LeaseProxyClient client = new LeaseProxyClient();
    private final ProxyHandler proxy;

    ProxyHandlerFallback(LogHub log) {
        this.log = log;
        this.proxy = ProxyHandler.builder()
                .setProxyClient(client)
                .setMaxRequestTime(-1)
                .setNext(exchange -> ApiError.internal(new IllegalStateException("no upstream attached"))
                        .send(exchange, log, null))
                .build();
    }

    /** True for the requests this path must carry. */
    static boolean needed(HttpServerExchange exchange, Lease lease) {
        return "https".equalsIgnoreCase(lease.upstream().getScheme()) || UpgradeRequest.asked(exchange);
    }

    /** Forwards {@code exchange} (its body still readable from the exchange) to the lease's upstream. */
    void forward(HttpServerExchange exchange, Lease lease) {
        client.attach(exchange, lease);
        exchange.setResolvedPath("");
        exchange.addDefaultResponseListener(unreachable(lease));
        exchange.addResponseCommitListener(ex -> StreamingHeaders.unbufferedIfEventStream(ex.getResponseHeaders()));
        try {
            proxy.handleRequest(exchange);
        } catch (Exception e) {
            ApiError.internal(e).send(exchange, log, lease.model().id());
        }
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

    void close() {
        client.close();
    }
}
