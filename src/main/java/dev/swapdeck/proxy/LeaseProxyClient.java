package dev.swapdeck.proxy;

import dev.swapdeck.config.UpstreamAddress;
import dev.swapdeck.routing.Lease;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyCallback;
import io.undertow.server.handlers.proxy.ProxyClient;
import io.undertow.server.handlers.proxy.ProxyConnection;
import io.undertow.util.AttachmentKey;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.ssl.XnioSsl;
import org.xnio.Xnio;
import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import io.undertow.protocols.ssl.UndertowXnioSsl;

/**
 * The {@link ProxyClient} behind the forwarding {@code ProxyHandler}: it sends each exchange to the
 * upstream of the lease attached to it, over a keep-alive connection pool kept per model and per
 * process generation. A new generation (the model's process was restarted) or a new upstream URL
 * replaces the pool and closes the old one's idle connections, so no request ever reuses a connection
 * to a process that is gone.
 */
final class LeaseProxyClient implements ProxyClient {
    /** Idle upstream connections are closed after this, below common keep-alive timeouts (5 s). */
    private static final int IDLE_TTL_MILLIS = 4_000;
    private static final int MAX_QUEUED = 100_000;

    private static final AttachmentKey<Target> TARGET = AttachmentKey.create(Target.class);

    private final Map<String, Target> pools = new ConcurrentHashMap<>();

    /** The pool one lease's requests go through. */
    private static final class Target implements ProxyTarget {
        final URI upstream;
        /** {@code upstream} as the client connects to it ({@link #reachable}). */
        final URI address;
        final long generation;
        final Duration connectTimeout;
        final LoadBalancingProxyClient client;

        Target(URI upstream, long generation, int concurrencyLimit, Duration connectTimeout) {
            this.upstream = upstream;
            this.address = reachable(upstream);
            this.generation = generation;
            this.connectTimeout = connectTimeout;
            int size = Math.max(1, concurrencyLimit);
            // The model's concurrency limit (the router answers 429 past it) is the only limit: per IO
            // thread, as many connections as the model may serve at once, and a queue that never
            // refuses, so a burst waits briefly for a connection instead of failing.
            this.client = new LoadBalancingProxyClient()
                    .setConnectionsPerThread(size)
                    .setMaxQueueSize(MAX_QUEUED)
                    .setSoftMaxConnectionsPerThread(0)
                    .setTtl(IDLE_TTL_MILLIS)
                    .setProblemServerRetry(1)
                    .removeSessionCookieName("JSESSIONID")
                    .addHost(address, null, tlsFor(upstream), OptionMap.create(Options.TCP_NODELAY, true));
        }

        /**
         * {@code upstream} as Undertow's client can connect to it: it takes the host from
         * {@link URI#getHost}, which has none for a name such as {@code llama_cpp} (see
         * {@link UpstreamAddress}); such a name, only ever plain http, is resolved here instead.
         */
        private static URI reachable(URI upstream) {
            if (upstream.getHost() != null) {
                return upstream;
            }
            InetSocketAddress address = UpstreamPools.addressOf(upstream);
            if (address.isUnresolved()) {
                return upstream; // the connect fails, and the request gets the 502 that says so
            }
            try {
                return new URI(upstream.getScheme(), null, address.getAddress().getHostAddress(), address.getPort(),
                        upstream.getPath(), null, null);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot address " + upstream, e);
            }
        }

        /** An https upstream is reached with the JVM's default TLS settings and trust store. */
        private static XnioSsl tlsFor(URI upstream) {
            if (!"https".equalsIgnoreCase(upstream.getScheme())) {
                return null;
            }
            try {
                return new UndertowXnioSsl(Xnio.getInstance(), OptionMap.EMPTY, SSLContext.getDefault());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this Java has no default TLS context for " + upstream, e);
            }
        }

        void close() {
            client.removeHost(address);
        }
    }

    /** Routes {@code exchange} to the upstream of {@code lease}. Call before the ProxyHandler runs. */
    void attach(HttpServerExchange exchange, Lease lease) {
        exchange.putAttachment(TARGET, poolFor(lease));
    }

    private Target poolFor(Lease lease) {
        String model = lease.model().id();
        URI upstream = withoutTrailingSlash(lease.upstream());
        Target current = pools.get(model);
        if (current != null && current.generation == lease.generation() && current.upstream.equals(upstream)) {
            return current;
        }
        Duration connect = lease.model().extras().timeouts().connect();
        if (current != null && current.generation > lease.generation()) {
            return new Target(upstream, lease.generation(), lease.model().concurrencyLimit(), connect);
        }
        Target fresh = new Target(upstream, lease.generation(), lease.model().concurrencyLimit(), connect);
        Target replaced = pools.compute(model, (id, existing) ->
                existing == null || existing == current ? fresh : existing);
        if (replaced != fresh) {
            return poolFor(lease);
        }
        if (current != null) {
            current.close();
        }
        return fresh;
    }

    @Override
    public ProxyTarget findTarget(HttpServerExchange exchange) {
        return exchange.getAttachment(TARGET);
    }

    /**
     * A connection from the target's pool; when none is had within the model's (or peer's)
     * {@code timeouts.connect}, the request fails as unreachable (502) and a connection that still
     * arrives later is closed.
     */
    @Override
    public void getConnection(ProxyTarget target, HttpServerExchange exchange,
                              ProxyCallback<ProxyConnection> callback, long timeout, TimeUnit timeUnit) {
        Target pool = (Target) target;
        if (pool.connectTimeout.isZero()) {
            pool.client.getConnection(target, exchange, callback, timeout, timeUnit);
            return;
        }
        AtomicBoolean decided = new AtomicBoolean();
        XnioExecutor.Key timer = exchange.getIoThread().executeAfter(() -> {
            if (decided.compareAndSet(false, true)) {
                callback.failed(exchange);
            }
        }, pool.connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        pool.client.getConnection(target, exchange, new ProxyCallback<>() {
            @Override
            public void completed(HttpServerExchange ex, ProxyConnection connection) {
                if (decided.compareAndSet(false, true)) {
                    timer.remove();
                    callback.completed(ex, connection);
                } else {
                    IoUtils.safeClose(connection.getConnection());
                }
            }

            @Override
            public void failed(HttpServerExchange ex) {
                if (decided.compareAndSet(false, true)) {
                    timer.remove();
                    callback.failed(ex);
                }
            }

            @Override
            public void couldNotResolveBackend(HttpServerExchange ex) {
                if (decided.compareAndSet(false, true)) {
                    timer.remove();
                    callback.couldNotResolveBackend(ex);
                }
            }

            @Override
            public void queuedRequestFailed(HttpServerExchange ex) {
                if (decided.compareAndSet(false, true)) {
                    timer.remove();
                    callback.queuedRequestFailed(ex);
                }
            }
        }, timeout, timeUnit);
    }

    /** Closes every pool's idle connections; in-flight exchanges finish on theirs. */
    void close() {
        pools.values().forEach(Target::close);
        pools.clear();
    }

    static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
