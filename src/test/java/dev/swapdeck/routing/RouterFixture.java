package dev.swapdeck.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.config.ClientFeedback;
import dev.swapdeck.config.ConfigExtras;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.ModelExtras;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.memory.ModelMemory;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Builds a router over scripted processes from a few model ids, aliases and profiles. */
final class RouterFixture {
    final Map<String, ScriptedProcess> processes = new HashMap<>();
    final EventBus bus = new EventBus();
    final Router router;

    RouterFixture(List<String> ids, Map<String, List<String>> profiles, Map<String, String> aliases,
                  int concurrencyLimit, Duration ttl) {
        TreeMap<String, ModelConfig> models = new TreeMap<>();
        for (String id : ids) {
            models.put(id, model(id, concurrencyLimit, ttl));
        }
        SwapdeckConfig config = new SwapdeckConfig(Optional.empty(), models, profiles, aliases,
                Duration.ofSeconds(120), LogLevel.INFO, 5800, List.of(), List.of(),
                ConfigExtras.DEFAULTS);
        router = new Router(config, m -> {
            ScriptedProcess process = new ScriptedProcess(m);
            processes.put(m.id(), process);
            return process;
        }, bus, new LogHub(bus), RoomPolicy.NONE);
    }

    RouterFixture(SwapdeckConfig config) {
        router = new Router(config, m -> {
            ScriptedProcess process = new ScriptedProcess(m);
            processes.put(m.id(), process);
            return process;
        }, bus, new LogHub(bus), RoomPolicy.NONE);
    }

    /** Models named in {@code ids} (space-separated) under the llama-swap YAML in {@code rules}. */
    static RouterFixture withRules(String ids, String rules) {
        return new RouterFixture(RoutingConfigs.parse(ids, rules));
    }

    RouterFixture(String... ids) {
        this(List.of(ids), Map.of(), Map.of(), 10, Duration.ZERO);
    }

    static ModelConfig model(String id, int concurrencyLimit, Duration ttl) {
        return new ModelConfig(id, Optional.empty(), Optional.empty(), List.of("true"), List.of(),
                URI.create("http://127.0.0.1:1"), List.of(), Map.of(), Optional.of("/health"), ttl, false,
                Optional.empty(), concurrencyLimit, Set.of(), Optional.empty(), ModelExtras.DEFAULTS, ClientFeedback.NONE,
                ModelMemory.NONE);
    }

    /** Waits for a model's stops to reach {@code stops}: a swap is deferred while its victim lingers. */
    void awaitStops(String id, int stops) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (process(id).stops < stops && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(stops, process(id).stops, id + "'s stops");
    }

    /** Waits for a start that another thread (the reaper, after a swap it issued) may be making. */
    void awaitStarts(String id, int starts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (process(id).starts < starts && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(starts, process(id).starts, id + "'s starts");
    }

    ScriptedProcess process(String id) {
        return processes.get(id);
    }

    java.util.concurrent.CompletableFuture<Lease> request(String name) {
        return router.acquire(router.resolve(name));
    }
}
