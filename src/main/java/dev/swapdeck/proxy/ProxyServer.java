package dev.swapdeck.proxy;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.PeerModels;
import dev.swapdeck.config.SecurityConfig;
import dev.swapdeck.engine.ConfigLoaded;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.metrics.SwapdeckMetrics;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import org.xnio.Options;
import org.xnio.channels.Channels;

/**
 * Swapdeck's embedded HTTP server (SPEC §6): the OpenAI-style model routes forwarded to upstreams,
 * the control and status API, log streams and {@code /api/events}. Built from the {@link Engine};
 * every request asks {@code engine.upstreams()} afresh, so a config reload takes effect at once.
 *
 * <p>Lifecycle: construct, {@link #start} once, {@link #stop} (idempotent). Thread-safe.
 */
public final class ProxyServer implements AutoCloseable {
    private final Engine engine;
    private final ProxyOptions options;
    private final boolean bodyLimitFollowsConfig;
    private final Forwarder forwarder;
    private final FeedRegistry feeds = new FeedRegistry();
    private volatile Instant configLoadedAt = Instant.now();
    private Undertow undertow;
    private GracefulShutdownHandler shutdownHandler;
    private AutoCloseable configSubscription;
    /** The keys, hosts and origins in force, as the last configuration loaded set them (the events' thread). */
    private volatile SecurityConfig admission;
    private SwapdeckMetrics metrics;
    private InetSocketAddress bound;
    private boolean stopped;

    /** With {@code options}, its body limit fixed whatever the configuration says. */
    public ProxyServer(Engine engine, ProxyOptions options) {
        this(engine, options, false);
    }

    /**
     * With the body limit, body budget and timeouts of the engine's configuration ({@code security:});
     * the body limit of a reloaded configuration applies to the next request (within the budget).
     */
    public ProxyServer(Engine engine) {
        this(engine, ProxyOptions.from(engine.config().security()), true);
    }

    private ProxyServer(Engine engine, ProxyOptions options, boolean bodyLimitFollowsConfig) {
        this.engine = engine;
        this.options = options;
        this.bodyLimitFollowsConfig = bodyLimitFollowsConfig;
        this.forwarder = new Forwarder(engine.logs(), engine.loads(), options.limits().clientStallTimeout());
    }

    /**
     * XNIO's {@code Channels} opens {@code /dev/null} the first time it is used, which is the first
     * request body. Were descriptors short then (a storm of first clients under a low
     * {@code ulimit -n}), the class would fail to initialize and stay broken for the life of the
     * process: every later body read would fail. It is initialized here, before any client comes.
     */
    private static void initializeXnioChannels() {
        try {
            Class.forName(Channels.class.getName(), true, Channels.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("XNIO is missing from the class path", e);
        }
    }

    /** Says so when this JVM's heap holds less than {@code security.bodyBudget} asks (SPEC §8: no body fills the heap). */
    private void warnIfTheHeapLowersTheBodyBudget(ListenerLimits limits) {
        long asked = engine.config().security().bodyBudgetBytes();
        long heap = Runtime.getRuntime().maxMemory();
        long held = limits.bodyBudgetBytes();
        if (bodyLimitFollowsConfig && held < asked && held == ListenerLimits.heapRoom(heap)) {
            engine.logs().warn("request bodies are held up to " + held + " bytes at once, all "
                    + "together, and a larger one is refused: a quarter of this JVM's heap (" + heap + " bytes), "
                    + "less than security.bodyBudget (" + asked + " bytes); give java a larger heap (-Xmx) to hold more");
        }
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
        initializeXnioChannels();
        admission = engine.config().security();
        configSubscription = engine.events().subscribe(event -> {
            if (event instanceof ConfigLoaded loaded) {
                configLoadedAt = loaded.at();
                endFeedsIfAdmissionChanged(loaded.config().security());
            }
        });
        metrics = new SwapdeckMetrics(engine.events(), engine.activity(), engine.config().models().keySet(),
                PeerModels.of(engine.config()).stream().map(ModelConfig::id).toList(), engine.memory());
        ListenerLimits limits = options.limits();
        warnIfTheHeapLowersTheBodyBudget(limits);
        BodyBudget budget = new BodyBudget(limits.bodyBudgetBytes(), limits.budgetWait());
        LongSupplier maxBody = bodyLimitFollowsConfig
                ? () -> Math.min(engine.config().security().maxBodyBytes(), limits.bodyBudgetBytes())
                : options::maxBodyBytes;
        shutdownHandler = Handlers.gracefulShutdown(ProxyRoutes.build(engine, options, maxBody, forwarder, feeds,
                () -> configLoadedAt, budget, isLoopback(host), host,
                new ObservabilityApi(engine.activity(), metrics)));
        // REQUEST_PARSE_TIMEOUT runs from a request's first byte to the end of its headers and
        // NO_REQUEST_TIMEOUT only while no request is under way: neither can cut a streaming
        // response. IDLE_TIMEOUT is left unset on purpose: it would close a stream whose model is
        // silent for a while (loading, or thinking before its first token).
        Undertow server = Undertow.builder()
                .addHttpListener(port, host)
                .setIoThreads(options.effectiveIoThreads())
                // unlimited here: BodyCap counts exactly, per route, where Undertow would drop the
                // connection without an answer
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, -1L)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(limits.requestHeaderTimeout()))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(limits.idleTimeout()))
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, ListenerLimits.HEADER_BYTES)
                // Undertow's default holds answers back while a client has pipelined another request, to
                // send them together: a stream would reach such a client only at its end
                .setServerOption(UndertowOptions.BUFFER_PIPELINED_DATA, false)
                // accepting again as soon as one closes (XNIO's low water defaults to the high)
                .setSocketOption(Options.CONNECTION_HIGH_WATER, limits.maxConnections())
                .setSocketOption(Options.TCP_NODELAY, true)
                // arrival times for the activity records (time to first token counts from here)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
                // the request target is forwarded as it came, byte for byte: kept undecoded (with
                // unescaped characters allowed, a decoding server decodes the request URI too), and
                // with what browsers and curl leave unescaped (| ^ { } and raw UTF-8), which
                // llama-server and Go's server (llama-swap) accept; Undertow refused it with an empty 400
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
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
        if (!engine.isShuttingDown()) { // a window that failed meanwhile began the shutdown: nothing to announce
            // the host as given (::1, not Java's 0:0:0:0:0:0:0:1), with the port actually bound
            engine.logs().info("listening on http://" + hostPort(host, bound.getPort()));
            if (limits.maxConnections() < ListenerLimits.MOST_CONNECTIONS) {
                engine.logs().info("at most " + limits.maxConnections() + " client connections at once: the file"
                        + " descriptors Swapdeck may open (ulimit -n) or its heap (-Xmx) hold no more");
            }
        }
        return bound;
    }

    /**
     * Keys, hosts and origins apply to each request as it comes (SPEC §8), but a log or event stream
     * was admitted once, at its start: when a reload changes them, the open streams end, and their
     * clients (an {@code EventSource} reconnects by itself) are admitted again under the new rules.
     */
    private void endFeedsIfAdmissionChanged(SecurityConfig next) {
        SecurityConfig before = admission;
        admission = next;
        if (!before.apiKeys().equals(next.apiKeys()) || !before.allowedHosts().equals(next.allowedHosts())
                || !before.allowedOrigins().equals(next.allowedOrigins())) {
            int ended = feeds.endOpen();
            if (ended > 0) {
                engine.logs().info("API keys, allowed hosts or origins changed: " + ended + " open log or event "
                        + (ended == 1 ? "stream ended; its client connects" : "streams ended; their clients connect")
                        + " again under the new ones");
            }
        }
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
            feeds.endAll();
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

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    /** Whether {@code host} is a loopback listen address; an unknown name is treated as not loopback. */
    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
