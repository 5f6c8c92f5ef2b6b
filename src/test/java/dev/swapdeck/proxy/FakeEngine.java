package dev.swapdeck.proxy;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.ConfigRejected;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.loading.LoadTimes;
import dev.swapdeck.loading.LoadTracker;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.process.ProcessInfo;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.Upstreams;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link Engine} double backed by the real {@link EventBus} and {@link LogHub}, with
 * {@link FakeUpstreams} for routing and a map of states that load and unload move.
 */
final class FakeEngine implements Engine {
    final EventBus bus = new EventBus();
    final LogHub logs = new LogHub(bus);
    final ActivityLog activity = new ActivityLog(bus, 100);
    final LoadTracker loads = new LoadTracker(bus, LoadTimes.inMemory(), logs);
    final FakeUpstreams upstreams;
    final Map<String, ProcessState> states = new ConcurrentHashMap<>();
    final List<String> commands = new CopyOnWriteArrayList<>();
    volatile boolean shuttingDown;
    private volatile Optional<String> pins = Optional.empty();
    private final SwapdeckConfig config;

    FakeEngine(SwapdeckConfig config) {
        this.config = config;
        this.upstreams = new FakeUpstreams(config);
        logs.setThreshold(LogLevel.DEBUG);
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
    public SwapdeckConfig config() {
        return config;
    }

    @Override
    public String clientBaseUrl() {
        return "http://127.0.0.1:8080/v1";
    }

    @Override
    public EventBus events() {
        return bus;
    }

    @Override
    public Optional<String> activePinProfile() {
        return pins;
    }

    @Override
    public void activatePinProfile(Optional<String> name) {
        if (name.isPresent() && !config.routing().pinProfiles().containsKey(name.get())) {
            throw new dev.swapdeck.routing.RoutingException(dev.swapdeck.routing.RoutingException.Kind.UNKNOWN_MODEL,
                    "no profile named '" + name.get() + "'");
        }
        pins = name;
    }

    @Override
    public Upstreams upstreams() {
        return upstreams;
    }

    @Override
    public LogHub logs() {
        return logs;
    }

    @Override
    public List<ModelStatus> models() {
        List<ModelStatus> all = new ArrayList<>();
        for (ModelConfig model : config.models().values()) {
            ProcessState state = states.getOrDefault(model.id(), ProcessState.STOPPED);
            boolean running = state != ProcessState.STOPPED;
            ProcessInfo info = new ProcessInfo(state, running ? OptionalLong.of(4242) : OptionalLong.empty(),
                    Instant.EPOCH, 0, running ? Optional.of(Instant.EPOCH) : Optional.empty(), 0, running ? 1 : 0, Optional.empty(),
                    state == ProcessState.READY || state == ProcessState.STOPPING, OptionalInt.empty());
            List<String> profiles = new ArrayList<>();
            config.profiles().forEach((name, members) -> {
                if (members.contains(model.id())) {
                    profiles.add(name);
                }
            });
            all.add(new ModelStatus(model, info, upstreams.openLeases(), profiles, Optional.empty()));
        }
        return all;
    }

    @Override
    public Optional<ConfigRejected> lastRejection() {
        return Optional.empty();
    }

    @Override
    public Optional<String> activeProfile() {
        return Optional.empty();
    }

    @Override
    public CompletableFuture<Void> load(String ref) {
        commands.add("load " + ref);
        Route route = upstreams.resolve(ref);
        RuntimeException failure = upstreams.failures.get(route.modelId());
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        states.put(route.modelId(), ProcessState.READY);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> loadProfile(String profile) {
        commands.add("loadProfile " + profile);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> unload(String model) {
        commands.add("unload " + model);
        states.put(model, ProcessState.STOPPED);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> unloadAll() {
        commands.add("unloadAll");
        states.replaceAll((id, state) -> ProcessState.STOPPED);
        return CompletableFuture.supplyAsync(() -> null);
    }

    @Override
    public CompletableFuture<SwapdeckConfig> reload(Path file) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("reload"));
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        commands.add("shutdown");
        shuttingDown = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isShuttingDown() {
        return shuttingDown;
    }
}
