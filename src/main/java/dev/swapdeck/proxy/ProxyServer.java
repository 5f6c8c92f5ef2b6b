package dev.swapdeck.proxy;

import dev.swapdeck.engine.ConfigLoaded;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.metrics.SwapdeckMetrics;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.xnio.Options;

/**
 * Swapdeck's embedded HTTP server (SPEC §6): the OpenAI-style model routes forwarded to upstreams,
 * the control and status API, log streams and {@code /api/events}. Built from the {@link Engine};
 * every request asks {@code engine.upstreams()} afresh, so a config reload takes effect at once.
 *
 * <p>Lifecycle: construct, {@link #start} once, {@link #stop} (idempotent). Thread-safe.
 */
public final class ProxyServer implements AutoCloseable {
    /**
     * Undertow cuts the connection once a body passes MAX_ENTITY_SIZE; a little slack above our own
     * limit lets the body reader notice first and answer with a proper 413.
     */
    private static final long ENTITY_SLACK_BYTES = 64 * 1024;

    private final Engine engine;
    private final ProxyOptions options;
    private final Forwarder forwarder;
    private final FeedRegistry feeds = new FeedRegistry();
    private volatile Instant configLoadedAt = Instant.now();
    private Undertow undertow;
    private GracefulShutdownHandler shutdownHandler;
    private AutoCloseable configSubscription;
    private SwapdeckMetrics metrics;
    private InetSocketAddress bound;
    private boolean stopped;

    public ProxyServer(Engine engine, ProxyOptions options) {
        this.engine = engine;
        this.options = options;
        this.forwarder = new Forwarder(engine.logs());
    }

    public ProxyServer(Engine engine) {
        this(engine, ProxyOptions.defaults());
    }

    /**
     * Starts listening; port 0 picks a free port (see {@link #boundAddress()}).
     *
     * @throws ListenAddressUnavailableException when the address cannot be bound (naming it)
     * @throws IllegalStateException when already started or stopped
     */
    public synchronized InetSocketAddress start(String host, int port) {
        if (undertow != null || stopped) {
            throw new IllegalStateException("a ProxyServer starts once");
        }
        configSubscription = engine.events().subscribe(event -> {
            if (event instanceof ConfigLoaded loaded) {
                configLoadedAt = loaded.at();
            }
        });
        metrics = new SwapdeckMetrics(engine.events(), engine.activity(), engine.config().models().keySet());
        shutdownHandler = Handlers.gracefulShutdown(ProxyRoutes.build(engine, options, forwarder, feeds,
                () -> configLoadedAt, new ObservabilityApi(engine.activity(), metrics)));
        Undertow server = Undertow.builder()
                .addHttpListener(port, host)
                .setIoThreads(options.effectiveIoThreads())
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, options.maxBodyBytes() + ENTITY_SLACK_BYTES)
                .setSocketOption(Options.TCP_NODELAY, true)
                // arrival times for the activity records (time to first token counts from here)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
                .setHandler(shutdownHandler)
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            server.stop();
            closeSubscription();
            metrics.close();
            stopped = true;
            throw new ListenAddressUnavailableException(host + ":" + port, e);
        }
        undertow = server;
        bound = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        engine.logs().info("listening on http://" + hostPort(bound));
        return bound;
    }

    /** The address actually bound (with the real port when started with 0). */
    public synchronized InetSocketAddress boundAddress() {
        if (bound == null) {
            throw new IllegalStateException("not started");
        }
        return bound;
    }

    /**
     * Stops accepting requests, ends the live log and event streams, lets in-flight requests finish
     * for up to {@link ProxyOptions#shutdownGrace()}, then closes every connection. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (undertow != null) {
            shutdownHandler.shutdown();
            feeds.closeAll();
            try {
                shutdownHandler.awaitShutdown(options.shutdownGrace().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            undertow.stop();
        }
        forwarder.close();
        closeSubscription();
        if (metrics != null) {
            metrics.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void closeSubscription() {
        if (configSubscription == null) {
            return;
        }
        try {
            configSubscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot unsubscribe from events", e);
        }
        configSubscription = null;
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
