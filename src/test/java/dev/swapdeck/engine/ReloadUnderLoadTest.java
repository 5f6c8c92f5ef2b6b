package dev.swapdeck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigSources;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.routing.Lease;
import dev.swapdeck.routing.RoutingException;
import dev.swapdeck.routing.Upstreams;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads in quick succession under steady load, with the production wiring (real child processes,
 * one model at a time). Each round changes one model and reloads twice, as an API call followed by
 * the file watcher's reload of the same file does. Every request must be served: none refused with
 * {@code RELOADING}, none failed by a swap the router made while another router still counted it,
 * none left waiting.
 */
class ReloadUnderLoadTest {
    private static final long LOAD_SECONDS = 8;

    @Test
    void everyRequestIsServedWhileReloadsComeBackToBack(@TempDir Path dir) throws Exception {
        int portA = FreePorts.loopback();
        int portC = FreePorts.loopback();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml(portA, portC, 0));
        SwapdeckEngine engine = new SwapdeckEngine(ConfigSources.load(Optional.of(file), Optional.empty()),
                new LogHub(new EventBus()), (path, kept) -> ConfigSources.load(Optional.of(path), Optional.empty(), kept),
                ProcessFactory.childProcesses(), "http://127.0.0.1:0/v1");
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            engine.load("a").get(30, TimeUnit.SECONDS);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOAD_SECONDS);
            for (int i = 0; i < 6; i++) {
                String model = i % 2 == 0 ? "a" : "c";
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        outcomes.computeIfAbsent(model + " " + request(engine, model, 5), k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    return null;
                });
            }
            for (int round = 1; System.nanoTime() < end; round++) {
                Thread.sleep(500);
                Files.writeString(file, yaml(portA, portC, round));
                Future<SwapdeckConfig> byApi = engine.reload(file);
                Future<SwapdeckConfig> byWatcher = engine.reload(file);
                byApi.get(60, TimeUnit.SECONDS);
                byWatcher.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
            assertTrue(clients.awaitTermination(90, TimeUnit.SECONDS), "the clients finished");
        } finally {
            clients.shutdownNow();
            engine.shutdown().get(30, TimeUnit.SECONDS);
        }
        assertEquals(Set.of("a served", "c served"), outcomes.keySet(), outcomes.toString());
    }

    /**
     * A request waiting for a swap behind a model that is never idle goes once it has waited
     * {@code maxQueueWait}, counted from its arrival: a reload routes it again, it does not restart
     * its wait (reloads faster than the wait starved it for as long as they came).
     */
    @Test
    void aRequestWaitingForASwapKeepsItsTimeWaitedAcrossReloads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "maxQueueWait: 2\n" + yaml(FreePorts.loopback(), FreePorts.loopback(), 0));
        SwapdeckEngine engine = new SwapdeckEngine(ConfigSources.load(Optional.of(file), Optional.empty()),
                new LogHub(new EventBus()), (path, kept) -> ConfigSources.load(Optional.of(path), Optional.empty(), kept),
                ProcessFactory.childProcesses(), "http://127.0.0.1:0/v1");
        ExecutorService clients = Executors.newFixedThreadPool(3);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            engine.load("a").get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                clients.submit(() -> {
                    while (!stop.get()) {
                        request(engine, "a", 200); // three such clients leave a never idle
                    }
                    return null;
                });
                Thread.sleep(70);
            }
            Upstreams upstreams = engine.upstreams();
            CompletableFuture<Lease> c = upstreams.acquire(upstreams.resolve("c"));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!c.isDone() && System.nanoTime() < end) {
                Thread.sleep(500);
                engine.reload(file).get(30, TimeUnit.SECONDS);
            }
            assertTrue(c.isDone(), "c waited 15 s through reloads 0.5 s apart; maxQueueWait is 2 s");
            c.get().close();
        } finally {
            stop.set(true);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            engine.shutdown().get(30, TimeUnit.SECONDS);
        }
    }

    /** One request's outcome, its lease held {@code holdMillis}: served, or how it failed. */
    private static String request(SwapdeckEngine engine, String model, long holdMillis) throws InterruptedException {
        Upstreams upstreams = engine.upstreams();
        CompletableFuture<Lease> acquiring = upstreams.acquire(upstreams.resolve(model));
        try {
            Lease lease = acquiring.get(30, TimeUnit.SECONDS);
            Thread.sleep(holdMillis);
            lease.close();
            return "served";
        } catch (TimeoutException e) {
            acquiring.cancel(false);
            return "waited 30 s";
        } catch (Exception e) {
            return e.getCause() instanceof RoutingException refused
                    ? refused.kind() + ": " + refused.getMessage() : e.toString();
        }
    }

    /** Models a (never changes) and c (its description is the round's), one at a time. */
    private static String yaml(int portA, int portC, int round) {
        return "models:\n" + DemoYaml.model("a", portA, List.of())
                + DemoYaml.model("c", portC, List.of(), "description: round " + round);
    }
}
