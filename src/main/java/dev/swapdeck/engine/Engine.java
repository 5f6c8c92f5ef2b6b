package dev.swapdeck.engine;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.PeerModels;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.loading.LoadTracker;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.memory.MemoryReport;
import dev.swapdeck.process.LeftoversStopped;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.routing.Upstreams;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The running core as the window and {@code Main} see it: configuration, live status, logs, events
 * and the commands a person can give. Thread-safe. Commands never block the caller; their futures
 * complete on engine threads (a UI must hop back to its own thread).
 */
public interface Engine {

    /** The configuration in force (replaced by {@link #reload}). */
    SwapdeckConfig config();

    /** What clients should use as their OpenAI base URL, e.g. {@code http://127.0.0.1:8080/v1}. */
    String clientBaseUrl();

    EventBus events();

    /** The router of the configuration in force, for the HTTP proxy. */
    Upstreams upstreams();

    LogHub logs();

    /** The recent proxied requests; each new one is also published on {@link #events()} as {@code activity}. */
    ActivityLog activity();

    /**
     * Load progress: {@code current(model)} while a model starts, learned load times; progress is also
     * published on {@link #events()} as {@code loading}.
     */
    LoadTracker loads();

    /** Every configured model, sorted by id. */
    List<ModelStatus> models();

    /**
     * What a reload reads a file with: the editor checks unsaved text as a reload would read it
     * ({@link ConfigSource#loadEditing}), merged with the {@code --config-dir} folder, keys required.
     */
    default ConfigSource configSource() {
        return ConfigLoader::load;
    }

    /**
     * What was found and stopped at start, left running by an earlier Swapdeck (SPEC §9): published on
     * the bus before any window subscribed, so a window reads it here to tell the user.
     */
    default Optional<LeftoversStopped> leftoversStoppedAtStart() {
        return Optional.empty();
    }

    /**
     * Memory as the swap planner sees it (SPEC §11): devices, budget, each model's measured and
     * predicted footprint. Empty when the configuration in force has no {@code memory:} section.
     */
    default Optional<MemoryReport> memory() {
        return Optional.empty();
    }

    /**
     * Completes once memory's numbers are fresh enough to refuse a request on (SPEC §11): at once
     * without a {@code memory:} section or with a recent sample, else after a sample taken now.
     */
    default CompletableFuture<Void> memoryMeasuredForRefusal() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The models of {@code peers:}, in file order: served by other machines, never started, stopped
     * or swapped here ({@link dev.swapdeck.config.ModelExtras#peer()} names the peer). The window and
     * {@code /api/models} show them as remote.
     */
    default List<ModelConfig> remoteModels() {
        return PeerModels.of(config());
    }

    /** The profile whose members form the running set, if one is active. */
    Optional<String> activeProfile();

    /** The active pin profile (llama-swap's current profiles), if one is; none after start and reload. */
    Optional<String> activePinProfile();

    /**
     * Makes a pin profile active (empty: none), as {@code PUT /api/profiles/active} does.
     *
     * @throws dev.swapdeck.routing.RoutingException {@code UNKNOWN_MODEL} when no pin profile has that name
     */
    void activatePinProfile(Optional<String> name);

    /** Starts a model (id, alias or {@code profile:model}); completes when ready, fails as the proxy would. */
    CompletableFuture<Void> load(String ref);

    /**
     * As {@link #load(String)}, for a command that has waited since {@code nanos} ({@link System#nanoTime}):
     * memory's numbers taken since then are fresh enough to refuse it at once (SPEC §11).
     */
    default CompletableFuture<Void> load(String ref, long waitingSinceNanos) {
        return load(ref);
    }

    /** Makes a profile the running set and starts all its members side by side. */
    CompletableFuture<Void> loadProfile(String profile);

    /** Stops one model at once, even with requests in flight. */
    CompletableFuture<Void> unload(String model);

    /** Stops every model at once. */
    CompletableFuture<Void> unloadAll();

    /**
     * Loads {@code file} and, if valid, replaces the configuration: models whose settings did not
     * change keep running and serving; changed and removed ones stop after their in-flight requests.
     * A file with errors fails the future with {@link dev.swapdeck.config.ConfigException} and
     * changes nothing.
     */
    CompletableFuture<SwapdeckConfig> reload(Path file);

    /** Reloads the file (or folder) the configuration in force came from (SIGHUP, the API, the watcher). */
    default CompletableFuture<SwapdeckConfig> reload() {
        return config().source().map(this::reload).orElseGet(() -> CompletableFuture.failedFuture(
                new IllegalStateException("the built-in demo has no file to reload; start with --config FILE")));
    }

    /**
     * The last file a reload refused (whoever asked for it) since the configuration in force took
     * effect; empty once another one has. Also published on {@link #events()} as {@code configRejected}.
     */
    Optional<ConfigRejected> lastRejection();

    /** Stops accepting requests, interrupts starts, stops every process in parallel. Idempotent. */
    CompletableFuture<Void> shutdown();

    boolean isShuttingDown();
}
