package dev.swapdeck.engine;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.config.ConfigProblem;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.loading.LoadTimes;
import dev.swapdeck.loading.LoadTracker;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.OneLine;
import dev.swapdeck.memory.MemoryMonitor;
import dev.swapdeck.memory.MemoryOptions;
import dev.swapdeck.memory.MemoryReport;
import dev.swapdeck.process.LeftoversStopped;
import dev.swapdeck.process.ModelProcess;
import dev.swapdeck.process.ShuttingDownException;
import dev.swapdeck.routing.Handover;
import dev.swapdeck.routing.Lease;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.routing.PeerUpstreams;
import dev.swapdeck.routing.ReloadWaiting;
import dev.swapdeck.routing.Router;
import dev.swapdeck.routing.RoutingException;
import dev.swapdeck.routing.Upstreams;
import dev.swapdeck.security.Secrets;
import dev.swapdeck.state.StateFolder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The core, wired: one {@link Router} per configuration in force, the logs and the event bus that
 * outlive reloads. A reload hands the models whose settings did not change over to the new router,
 * running; the others stop once their in-flight requests finish (so their ports are free) before
 * the new router takes requests ({@link Handover}); {@link Reloads} runs them one after another.
 */
public final class SwapdeckEngine implements Engine {
    private final EventBus bus;
    private final LogHub logs;
    private final ActivityLog activity;
    private final LoadTracker loads;
    private final ProcessFactory processes;
    private final EngineMemory memory;
    private volatile String clientBaseUrl;
    private final Object lifecycle = new Object();
    private volatile SwapdeckConfig config;
    private volatile Router router;
    /** The router plus the peers of the same configuration; replaced with it. */
    private volatile Upstreams upstreams;
    /**
     * Set once a shutdown begins, under {@code lifecycle} as replacing the router is; read without it,
     * since every request asks on its IO thread, which must never wait for a reload's lock.
     */
    private volatile CompletableFuture<Void> shutdown;
    private final Reloads reloads;
    private final ConfigSource configSource;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile Optional<LeftoversStopped> leftoversStoppedAtStart = Optional.empty();
    private final ReloadFile reloadFile = new ReloadFile();
    /** The last file a reload refused since the configuration in force took effect. */
    private volatile Optional<ConfigRejected> lastRejection = Optional.empty();

    public SwapdeckEngine(SwapdeckConfig config, LogHub logs, ConfigSource configSource,
                          ProcessFactory processes, String clientBaseUrl) {
        this(config, logs, configSource, processes, clientBaseUrl, StateFolder.from(System.getenv()));
    }

    /** As above, with the state folder that keeps learned load times and footprints between runs. */
    public SwapdeckEngine(SwapdeckConfig config, LogHub logs, ConfigSource configSource,
                          ProcessFactory processes, String clientBaseUrl, StateFolder state) {
        this(config, logs, configSource, processes, clientBaseUrl, state,
                MemoryOptions.fromEnvironment(System.getenv(), state));
    }

    /** @param memoryOptions where memory is measured; its state folder also keeps learned load times */
    public SwapdeckEngine(SwapdeckConfig config, LogHub logs, ConfigSource configSource,
                          ProcessFactory processes, String clientBaseUrl, MemoryOptions memoryOptions) {
        this(config, logs, configSource, processes, clientBaseUrl, memoryOptions.state(), memoryOptions);
    }

    /** @param memoryOptions where memory is measured and learned footprints are kept (SPEC §11) */
    public SwapdeckEngine(SwapdeckConfig config, LogHub logs, ConfigSource configSource,
                          ProcessFactory processes, String clientBaseUrl, StateFolder state,
                          MemoryOptions memoryOptions) {
        this.bus = logs.bus();
        this.logs = logs;
        this.activity = new ActivityLog(bus, ActivityLog.DEFAULT_CAPACITY);
        this.loads = new LoadTracker(bus, LoadTimes.in(state, logs::warn), logs);
        this.reloads = new Reloads(this, configSource, logs);
        this.configSource = configSource;
        this.processes = processes;
        this.clientBaseUrl = clientBaseUrl;
        this.memory = new EngineMemory(new MemoryMonitor(memoryOptions, this::modelPids, bus, logs));
        memory.sampleFirst(config);
        install(config, build(config, Map.of()));
    }

    /** Runs the configuration's startup hook: preloads the models it names, one after another. */
    public CompletableFuture<Void> preload() {
        return preload(config.preload());
    }

    private CompletableFuture<Void> preload(List<String> models) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (String model : models) {
            chain = chain.thenCompose(v -> load(model)).exceptionally(error -> {
                logs.error("preloading " + model + " failed: " + rootMessage(error));
                return null;
            });
        }
        return chain;
    }

    /** A router for {@code next}, built over the {@code kept} processes where given. */
    private Router build(SwapdeckConfig next, Map<String, ModelProcess> kept) {
        return new Router(next, m -> kept.containsKey(m.id()) ? kept.get(m.id()) : processes.create(m, next, logs),
                bus, logs, memory.roomFor(next));
    }

    private void install(SwapdeckConfig next, Router fresh) {
        logs.setThreshold(next.logLevel());
        logs.hideSecrets(Secrets.of(next));
        logs.keepModelHistoriesOf(next.models().keySet());
        // before the configuration: whoever reads the configuration and then the rejection never sees the
        // new one beside a refusal it ended
        this.lastRejection = Optional.empty();
        this.config = next;
        this.router = fresh;
        this.upstreams = new ReloadWaiting(new PeerUpstreams(fresh, next), reloads);
        memory.configure(next);
        for (ConfigProblem warning : next.warnings()) {
            logs.warn(warning.toString());
        }
        logs.info("configuration " + next.source().map(Path::toString).orElse("(built-in demo)") + ": "
                + counted(next.models().size(), "model") + ", "
                + counted(next.profiles().size(), "side-by-side profile") + ", "
                + counted(next.routing().pinProfiles().size(), "pin profile"));
        bus.publish(new ConfigLoaded(next, Instant.now()));
    }

    private static String counted(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A reload samples a first memory-aware configuration before it is installed ({@link EngineMemory#sampleFirst}). */
    void sampleMemoryFirst(SwapdeckConfig next) {
        memory.sampleFirst(next);
    }

    /** Each model's process id, for the models that have a process now. */
    private Map<String, Long> modelPids() {
        Router current = router;
        Map<String, Long> pids = new HashMap<>();
        if (current != null) {
            current.models().forEach(m -> m.process().pid().ifPresent(pid -> pids.put(m.id(), pid)));
        }
        return pids;
    }

    @Override
    public Optional<MemoryReport> memory() {
        return memory.report(config);
    }

    @Override
    public CompletableFuture<Void> memoryMeasuredForRefusal() {
        return memory.measuredForRefusal();
    }

    @Override
    public SwapdeckConfig config() {
        return config;
    }

    @Override
    public String clientBaseUrl() {
        return clientBaseUrl;
    }

    @Override
    public ConfigSource configSource() {
        return configSource;
    }

    @Override
    public Optional<LeftoversStopped> leftoversStoppedAtStart() {
        return leftoversStoppedAtStart;
    }

    public void setLeftoversStoppedAtStart(LeftoversStopped stopped) {
        this.leftoversStoppedAtStart = Optional.of(stopped);
    }

    /** Records the URL clients should use once the HTTP server knows the port it bound. */
    public void setClientBaseUrl(String url) {
        this.clientBaseUrl = url;
    }

    @Override
    public EventBus events() {
        return bus;
    }

    @Override
    public LogHub logs() {
        return logs;
    }

    @Override
    public ActivityLog activity() {
        return activity;
    }

    @Override
    public LoadTracker loads() {
        return loads;
    }

    @Override
    public Upstreams upstreams() {
        return upstreams;
    }

    @Override
    public List<ModelStatus> models() {
        return router.models();
    }

    @Override
    public Optional<String> activeProfile() {
        return router.activeProfile();
    }

    @Override
    public Optional<String> activePinProfile() {
        return router.activePinProfile();
    }

    @Override
    public void activatePinProfile(Optional<String> name) {
        router.activatePinProfile(name);
    }

    @Override
    public CompletableFuture<Void> load(String ref) {
        return load(ref, System.nanoTime());
    }

    @Override
    public CompletableFuture<Void> load(String ref, long waitingSinceNanos) {
        Upstreams current = upstreams;
        try {
            return current.acquireForLoad(current.resolveModel(ref).waitingSince(waitingSinceNanos, false))
                    .thenAccept(Lease::close);
        } catch (RoutingException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Void> loadProfile(String profile) {
        List<String> members = config.profiles().get(profile);
        if (members == null) {
            return CompletableFuture.failedFuture(new RoutingException(RoutingException.Kind.UNKNOWN_MODEL,
                    "no profile named " + OneLine.quotedName(profile) + "; configured: " + config.profiles().keySet()));
        }
        return CompletableFuture.allOf(members.stream()
                .map(member -> load(profile + ":" + member))
                .toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletableFuture<Void> unload(String model) {
        logs.info("unloading " + model + " on request");
        return router.unload(model);
    }

    @Override
    public CompletableFuture<Void> unloadAll() {
        logs.info("unloading every model on request");
        return router.unloadAll();
    }

    /**
     * Where the built-in demo looks for a file when asked to reload (SIGHUP, the API, the watcher): the
     * file a launch would now find, so that someone who followed the demo's hint and created the
     * default file gets it without a restart. {@code expected} is named when there is none yet.
     */
    public void findConfigForTheDemo(Supplier<Optional<Path>> found, Path expected) {
        reloadFile.forTheDemo(found, expected);
    }

    @Override
    public CompletableFuture<SwapdeckConfig> reload() {
        return reloadFile.of(config).map(this::reload)
                .orElseGet(() -> CompletableFuture.failedFuture(reloadFile.missing()));
    }

    /** Reloads run one after another ({@link Reloads}), each on a thread of its own. */
    @Override
    public CompletableFuture<SwapdeckConfig> reload(Path file) {
        return reloads.reload(file);
    }

    @Override
    public Optional<ConfigRejected> lastRejection() {
        return lastRejection;
    }

    /** A reload read {@code file} and refused it: kept for {@link #lastRejection} and published. */
    void rejected(Path file, Throwable error) {
        ConfigRejected rejection = ConfigRejected.of(file, error, Instant.now());
        lastRejection = Optional.of(rejection);
        bus.publish(rejection);
    }

    /** A reload's first step, once its file is read: the models it keeps stop taking new requests. */
    Handover beginHandover(SwapdeckConfig next) {
        synchronized (lifecycle) {
            refuseOnceShuttingDown();
            return Handover.begin(router, new ConfigChange(config, next).unchanged(),
                    "the configuration is being reloaded; retry in a moment");
        }
    }

    /** Guarded by {@code lifecycle}. A reload that a shutdown overtook installs nothing. */
    private void refuseOnceShuttingDown() {
        if (shutdown != null) {
            throw new CompletionException(new ShuttingDownException("Swapdeck is shutting down"));
        }
    }

    /** A reload's last step, once the models it stops are gone: the next router takes over. */
    SwapdeckConfig installReloaded(SwapdeckConfig next, Handover handover) {
        synchronized (lifecycle) {
            refuseOnceShuttingDown();
            Router fresh = build(next, handover.processes());
            handover.passTo(fresh);
            String summary = ReloadSummary.of(config, next, handover.processes().keySet());
            List<String> newlyPreloaded = new ConfigChange(config, next).newlyPreloaded();
            install(next, fresh);
            logs.info(summary);
            preload(newlyPreloaded);
            return next;
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> started;
        Router current;
        synchronized (lifecycle) {
            if (shutdown != null) {
                return shutdown;
            }
            shutdown = new CompletableFuture<>();
            started = shutdown;
            current = router;
        }
        // outside the lock: shutting the router down fails waiting requests, whose continuations run here
        logs.info("shutting down: stopping every model");
        current.shutdown().whenComplete((v, e) -> {
            memory.close();
            loads.close();
            terminated.complete(null);
            started.complete(null);
        });
        return started;
    }

    /** Completes once a shutdown, whoever asked for it, has stopped every process. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    @Override
    public boolean isShuttingDown() {
        return shutdown != null;
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage();
    }
}
