package dev.swapdeck.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.LogLine;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StartFailedException;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.routing.RoutingException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static Lease ready(CompletableFuture<Lease> lease) throws Exception {
        return lease.get(5, TimeUnit.SECONDS);
    }

    private static RoutingException failure(CompletableFuture<Lease> lease) {
        ExecutionException error = assertThrows(ExecutionException.class, () -> lease.get(5, TimeUnit.SECONDS));
        return assertInstanceOf(RoutingException.class, error.getCause());
    }

    /** Starts {@code model} for a request and returns that request's lease: its answer is under way. */
    private static Lease answering(RouterFixture f, String model) throws Exception {
        CompletableFuture<Lease> lease = f.request(model);
        f.process(model).becomeReady();
        return ready(lease);
    }

    @Test
    void concurrentRequestsForAStoppedModelShareOneStart() throws Exception {
        RouterFixture f = new RouterFixture("a");
        CompletableFuture<Lease> first = f.request("a");
        CompletableFuture<Lease> second = f.request("a");
        assertFalse(first.isDone());
        f.process("a").becomeReady();
        ready(first).close();
        ready(second).close();
        assertEquals(1, f.process("a").starts);
    }

    @Test
    void swapStopsTheRunningModelBeforeStartingTheNext() throws Exception {
        RouterFixture f = new RouterFixture("a", "b");
        CompletableFuture<Lease> a = f.request("a");
        f.process("a").becomeReady();
        ready(a).close();

        CompletableFuture<Lease> b = f.request("b");
        assertEquals(1, f.process("a").stops);
        assertEquals(0, f.process("b").starts, "b must not start while a still occupies memory");
        f.process("a").stopped();
        assertEquals(1, f.process("b").starts);
        f.process("b").becomeReady();
        assertEquals("b", ready(b).model().id());
    }

    @Test
    void swapWaitsForInFlightRequests() throws Exception {
        RouterFixture f = new RouterFixture("a", "b");
        Lease streaming = answering(f, "a");

        CompletableFuture<Lease> b = f.request("b");
        assertEquals(0, f.process("a").stops, "a response is being served: the swap must wait");
        streaming.close();
        f.awaitStops("a", 1);
        f.process("a").stopped();
        f.awaitStarts("b", 1);
        f.process("b").becomeReady();
        ready(b).close();
    }

    @Test
    void aRequestWhoseClientLeftFreesTheSwapItBlocksWithoutALinger() throws Exception {
        RouterFixture f = new RouterFixture("a", "b");
        Lease streaming = answering(f, "a");

        CompletableFuture<Lease> b = f.request("b");
        assertEquals(0, f.process("a").stops, "a response is being served: the swap must wait");
        streaming.closeClientLeft();
        assertEquals(1, f.process("a").stops, "its client sends no next request: a stops as its lease closes");
        f.process("a").stopped();
        f.process("b").becomeReady();
        assertEquals("b", ready(b).model().id());
    }

    /** Its client left just before the request it waited for ended: seen as the swap begins, not 50 ms later. */
    @Test
    void aSwapWhoseClientIsFoundGoneIsCalledOffBeforeAnythingStops() throws Exception {
        RouterFixture f = new RouterFixture("a", "b");
        Lease streaming = answering(f, "a");
        AtomicReference<CompletableFuture<Lease>> b = new AtomicReference<>();
        b.set(f.router.acquire(f.router.resolve("b").withPresence(answer -> {
            b.get().cancel(false);
            answer.accept(false);
        })));

        streaming.closeClientLeft();
        assertEquals(0, f.process("a").stops, "nothing is stopped for a client that is gone");
        assertEquals(0, f.process("b").starts);
        assertEquals("a", ready(f.request("a")).model().id(), "a takes requests again at once");
    }

    @Test
    void aRequestTheRunningModelCanServeGoesAheadOfAWaitingSwap() throws Exception {
        RouterFixture f = new RouterFixture("a", "b");
        Lease streaming = answering(f, "a");

        CompletableFuture<Lease> b = f.request("b");
        Lease laterA = ready(f.request("a"));
        assertEquals("a", laterA.model().id(), "a is running: its request need not wait for b's swap");
        streaming.close();
        assertEquals(0, f.process("a").stops, "the swap waits for every request a is serving");
        laterA.close();
        f.awaitStops("a", 1);
        f.process("a").stopped();
        f.awaitStarts("b", 1);
        f.process("b").becomeReady();
        assertEquals("b", ready(b).model().id());
    }

    @Test
    void requestsThatNeedSwapsAreServedFirstComeFirstServed() throws Exception {
        RouterFixture f = new RouterFixture("a", "b", "c");
        CompletableFuture<Lease> a = f.request("a");
        f.process("a").becomeReady();
        Lease busy = ready(a);
        CompletableFuture<Lease> c = f.request("c");
        CompletableFuture<Lease> b = f.request("b");
        busy.close();
        f.awaitStops("a", 1);
        f.process("a").stopped();
        cThenB(f, c, b);
    }

    /** Once a has stopped: c, asked for first, starts and answers, then b's swap stops it and b starts. */
    private static void cThenB(RouterFixture f, CompletableFuture<Lease> c, CompletableFuture<Lease> b)
            throws Exception {
        f.awaitStarts("c", 1);
        assertEquals(0, f.process("b").starts, "c was asked for first");
        f.process("c").becomeReady();
        ready(c).close();
        f.awaitStops("c", 1);
        f.process("c").stopped();
        f.awaitStarts("b", 1);
        f.process("b").becomeReady();
        assertEquals("b", ready(b).model().id());
    }

    @Test
    void aliasesResolveToTheirModel() {
        RouterFixture f = new RouterFixture(List.of("qwen"), Map.of(), Map.of("gpt-4o", "qwen"), 10, Duration.ZERO);
        assertEquals("qwen", f.router.resolve("gpt-4o").modelId());
        assertEquals(Kind.UNKNOWN_MODEL, assertThrows(RoutingException.class, () -> f.router.resolve("nope")).kind());
    }

    /** Models a, b and c, and the list profile duo of a and b. */
    private static RouterFixture duo() {
        return new RouterFixture(List.of("a", "b", "c"), Map.of("duo", List.of("a", "b")), Map.of(), 10, Duration.ZERO);
    }

    /** Asks for {@code name}, which starts {@code model}; answers once it is ready. */
    private static void startAndServe(RouterFixture f, String name, String model) throws Exception {
        CompletableFuture<Lease> lease = f.request(name);
        f.process(model).becomeReady();
        ready(lease).close();
    }

    @Test
    void profileMembersRunSideBySideAndAPlainRequestLeavesTheProfile() throws Exception {
        RouterFixture f = duo();
        startAndServe(f, "duo:a", "a");
        startAndServe(f, "duo:b", "b");
        assertEquals(0, f.process("a").stops);
        assertEquals(Optional.of("duo"), f.router.activeProfile());

        CompletableFuture<Lease> plainA = f.request("a");
        ready(plainA).close();
        assertEquals(Optional.of("duo"), f.router.activeProfile(), "a member asked plainly keeps the profile");

        CompletableFuture<Lease> c = f.request("c");
        assertEquals(1, f.process("a").stops);
        assertEquals(1, f.process("b").stops);
        f.process("a").stopped();
        f.process("b").stopped();
        f.process("c").becomeReady();
        ready(c).close();
        assertEquals(Optional.empty(), f.router.activeProfile());
    }

    @Test
    void aStoppedProfileMemberWaitsForTheSwapAskedForBeforeIt() throws Exception {
        RouterFixture f = duo();
        startAndServe(f, "duo:a", "a");

        CompletableFuture<Lease> c = f.request("c");
        assertEquals(1, f.process("a").stops, "c is outside the profile: a goes");
        CompletableFuture<Lease> b = f.request("b");
        assertEquals(0, f.process("b").starts, "c's swap, asked for first, would stop b again");
        f.process("a").stopped();
        cThenB(f, c, b);
    }

    @Test
    void unknownProfileMemberIsRefused() {
        RouterFixture f = new RouterFixture(List.of("a", "b"), Map.of("solo", List.of("a")), Map.of(), 10, Duration.ZERO);
        RoutingException error = assertThrows(RoutingException.class, () -> f.router.resolve("solo:b"));
        assertEquals(Kind.UNKNOWN_MODEL, error.kind());
        assertTrue(error.getMessage().contains("solo"));
    }

    @Test
    void aRequestPastTheConcurrencyLimitIsRefusedWhenNoSlotFreesWithinTheGrace() throws Exception {
        RouterFixture f = new RouterFixture(List.of("a"), Map.of(), Map.of(), 2, Duration.ZERO);
        CompletableFuture<Lease> one = f.request("a");
        CompletableFuture<Lease> two = f.request("a");
        long start = System.nanoTime();
        RoutingException refused = failure(f.request("a"));
        assertEquals(Kind.TOO_MANY_REQUESTS, refused.kind());
        assertTrue(refused.getMessage().contains("already has 2 requests being served or waiting for it (concurrencyLimit 2 counts both"), refused.getMessage());
        assertTrue(System.nanoTime() - start >= LimitGrace.GRACE.toNanos(), "held for the grace first");
        f.process("a").becomeReady();
        ready(one).close();
        ready(f.request("a")).close();
        ready(two).close();
        assertEquals(0, f.router.models().get(0).inFlight());
    }

    @Test
    void aRequestPastTheConcurrencyLimitTakesASlotThatFreesWithinTheGrace() throws Exception {
        RouterFixture f = new RouterFixture(List.of("a"), Map.of(), Map.of(), 1, Duration.ZERO);
        CompletableFuture<Lease> abandoned = f.request("a");
        CompletableFuture<Lease> next = f.request("a");
        assertFalse(next.isDone(), "held, not refused");
        abandoned.cancel(false);
        f.process("a").becomeReady();
        ready(next).close();
        assertEquals(0, f.router.models().get(0).inFlight());
    }

    /**
     * A held request whose client left must not take the slot that frees: if it did, the request held
     * after it would stay held past the grace (the model is still starting) and be refused.
     */
    @Test
    void aHeldRequestWhoseClientLeftTakesNoSlot() throws Exception {
        RouterFixture f = new RouterFixture(List.of("a"), Map.of(), Map.of(), 1, Duration.ZERO);
        CompletableFuture<Lease> first = f.request("a");
        CompletableFuture<Lease> left = f.request("a");
        CompletableFuture<Lease> waiting = f.request("a");
        left.cancel(false);
        first.cancel(false);
        Thread.sleep(LimitGrace.GRACE.toMillis() + 100);
        f.process("a").becomeReady();
        ready(waiting).close();
        assertEquals(0, f.router.models().get(0).inFlight());
    }

    @Test
    void shutdownRefusesRequestsHeldPastTheLimit() throws Exception {
        RouterFixture f = new RouterFixture(List.of("a"), Map.of(), Map.of(), 1, Duration.ZERO);
        f.request("a");
        CompletableFuture<Lease> held = f.request("a");
        f.router.shutdown();
        assertEquals(Kind.SHUTTING_DOWN, failure(held).kind());
    }

    @Test
    void aReloadRefusesRequestsHeldPastTheLimitAndHoldsNoMore() {
        RouterFixture f = new RouterFixture(List.of("a"), Map.of(), Map.of(), 1, Duration.ZERO);
        f.request("a");
        CompletableFuture<Lease> held = f.request("a");
        Handover.begin(f.router, Set.of("a"), "reloading the configuration");
        RoutingException refusal = failure(held);
        assertEquals(Kind.RELOADING, refusal.kind(), "the engine routes it again in the new configuration");
        assertEquals("reloading the configuration", refusal.getMessage());
        assertTrue(f.request("a").isCompletedExceptionally(), "refused at once: the old router's timer ends with it");
    }

    /**
     * A reload stops a changed model that is starting; its start may end well just before the stop
     * lands. Its waiting requests must then go to the new configuration, not to the server being
     * stopped (an audit saw two 502s and a cut stream under five reloads with four clients).
     */
    @Test
    void aStartThatEndsAsAReloadStopsItsModelSendsItsRequestsToTheNewConfiguration() {
        RouterFixture f = new RouterFixture("a");
        CompletableFuture<Lease> waiting = f.request("a");
        Handover.begin(f.router, Set.of(), "reloading the configuration");
        assertEquals(1, f.process("a").stops, "a start under way is stopped");
        f.process("a").becomeReady();
        assertEquals(Kind.RELOADING, failure(waiting).kind(), "routed again in the new configuration");
        assertEquals(0, f.router.models().get(0).inFlight());
    }

    @Test
    void aFailedStartFailsEveryWaiterAndReleasesThem() throws Exception {
        RouterFixture f = new RouterFixture("a");
        CompletableFuture<Lease> first = f.request("a");
        CompletableFuture<Lease> second = f.request("a");
        f.process("a").failStart(new StartFailedException("a", "exited with code 1 during start"));
        RoutingException error = failure(first);
        assertEquals(Kind.UPSTREAM_FAILED, error.kind());
        assertTrue(error.getMessage().contains("exited with code 1"));
        failure(second);
        assertEquals(0, f.router.models().get(0).inFlight());
    }

    @Test
    void unloadStopsAtOnceEvenWithRequestsInFlight() throws Exception {
        RouterFixture f = new RouterFixture("a");
        CompletableFuture<Lease> a = f.request("a");
        f.process("a").becomeReady();
        Lease inFlight = ready(a);
        CompletableFuture<Void> unloaded = f.router.unload("a");
        assertEquals(1, f.process("a").stops);
        f.process("a").stopped();
        unloaded.get(5, TimeUnit.SECONDS);
        inFlight.close();
    }

    /**
     * The forwarder keeps one connection pool per generation and treats a lease of a smaller one as
     * left over from before a restart; a generation read from the spawn's wall-clock time went down
     * after the clock went back, and the restarted model's every request then took a throwaway pool.
     */
    @Test
    void aRestartedModelsLeasesHaveAGreaterGenerationEvenWhenTheWallClockWentBack() throws Exception {
        RouterFixture f = new RouterFixture("a");
        CompletableFuture<Lease> first = f.request("a");
        f.process("a").becomeReady();
        long before;
        try (Lease lease = ready(first)) {
            before = lease.generation();
        }
        CompletableFuture<Void> unloaded = f.router.unload("a");
        f.process("a").stopped();
        unloaded.get(5, TimeUnit.SECONDS);
        CompletableFuture<Lease> second = f.request("a");
        f.process("a").becomeReady();
        try (Lease lease = ready(second)) {
            assertTrue(lease.generation() > before, lease.generation() + " after " + before);
        }
    }

    @Test
    void idleModelIsStoppedAfterItsTtlButNeverWhileARequestIsInFlight() throws Exception {
        RouterFixture f = new RouterFixture(List.of("a"), Map.of(), Map.of(), 10, Duration.ofMillis(300));
        CompletableFuture<Lease> a = f.request("a");
        f.process("a").becomeReady();
        Lease longRequest = ready(a);
        Thread.sleep(900);
        assertEquals(0, f.process("a").stops, "TTL must not stop a model with a request in flight");
        longRequest.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (f.process("a").stops == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, f.process("a").stops);
    }

    @Test
    void aRequestArrivingAsTheTtlExpiresWaitsForARestartInsteadOfBeingCut() throws Exception {
        RouterFixture f = idleModelWithA50MsTtl();
        AtomicReference<CompletableFuture<Lease>> racing = new AtomicReference<>();
        // the TTL logs between deciding to stop and returning: a request lands exactly there, whether the
        // stop is this test's call or the reaper's own sweep (a slow machine may let that come first)
        try (AutoCloseable hook = f.bus.subscribe(event -> {
            if (event instanceof LogLine line && line.text().contains("ttl") && racing.get() == null) {
                racing.set(f.request("a"));
            }
        })) {
            Thread.sleep(100);
            f.router.expireIdle();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((racing.get() == null || f.process("a").stops == 0) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertEquals(1, f.process("a").stops);
        assertFalse(racing.get().isDone(), "no lease on a process that is being stopped");
        f.process("a").stopped();
        f.process("a").becomeReady();
        ready(racing.get()).close();
    }

    /**
     * A real process takes a stop up on its owner's thread, a moment after the router asked for it, and
     * answers as ready until then: a request admitted in that moment was handed a lease on a server being
     * stopped, and its connection refused (a 502 "because ... was stopped (idle for 10 s (ttl))").
     */
    @Test
    void aRequestArrivingBeforeTheProcessTookUpItsTtlStopWaitsForTheRestart() throws Exception {
        RouterFixture f = idleModelWithA50MsTtl();
        f.process("a").deferStops();
        Thread.sleep(100);
        f.router.expireIdle();
        assertEquals(ProcessState.READY, f.process("a").state(), "the stop is asked for, not yet taken up");

        CompletableFuture<Lease> arriving = f.request("a");
        assertFalse(arriving.isDone(), "no lease on a process that is about to stop");
        f.process("a").takeStop();
        f.process("a").stopped();
        f.awaitStarts("a", 2);
        f.process("a").becomeReady();
        ready(arriving).close();
    }

    /** Model {@code a}, its TTL 50 ms, ready after serving one request: its TTL runs from now. */
    private static RouterFixture idleModelWithA50MsTtl() throws Exception {
        RouterFixture f = new RouterFixture(List.of("a"), Map.of(), Map.of(), 10, Duration.ofMillis(50));
        CompletableFuture<Lease> first = f.request("a");
        f.process("a").becomeReady();
        ready(first).close();
        return f;
    }

    @Test
    void aLoadCommandStartsTheModelButIsNotShownAsARequestInFlight() throws Exception {
        RouterFixture f = new RouterFixture("a", "b");
        Lease running = ready(bReady(f));
        List<Integer> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AutoCloseable hook = f.bus.subscribe(event -> {
            if (event instanceof InFlightChanged changed && changed.model().equals("a")) {
                published.add(changed.inFlight());
            }
        })) {
            CompletableFuture<Lease> load = f.router.acquireForLoad(f.router.resolve("a"));
            ModelStatus waiting = status(f, "a");
            assertEquals(0, waiting.inFlight(), "a Load is no client's request");
            assertEquals(1, waiting.waitingToStart(), "but a waits to start for it, behind b's request");
            CompletableFuture<Lease> request = f.request("a");
            assertEquals(1, status(f, "a").inFlight());
            running.close();
            f.awaitStops("b", 1);
            f.process("b").stopped();
            f.awaitStarts("a", 1);
            f.process("a").becomeReady();
            ready(load).close();
            assertEquals(1, status(f, "a").inFlight(), "the client's request is still in flight");
            ready(request).close();
            assertEquals(0, status(f, "a").inFlight());
            assertEquals(0, status(f, "a").loads());
            assertFalse(published.stream().anyMatch(n -> n > 1), "never more than the one request: " + published);
        }
    }

    /** concurrencyLimit counts the clients' requests: a Load is neither refused by it nor counted against it. */
    @Test
    void aLoadCommandIsOutsideTheConcurrencyLimit() throws Exception {
        RouterFixture f = new RouterFixture(List.of("a"), Map.of(), Map.of(), 1, Duration.ZERO);
        CompletableFuture<Lease> load = f.router.acquireForLoad(f.router.resolve("a"));
        CompletableFuture<Lease> request = f.request("a");
        assertEquals(1, status(f, "a").inFlight(), "the client's request waits beside the Load, not refused");
        f.process("a").becomeReady();
        ready(load).close();
        Lease serving = ready(request);
        ready(f.router.acquireForLoad(f.router.resolve("a"))).close(); // a ready model at its limit: loaded already
        assertEquals(1, status(f, "a").inFlight());
        serving.close();
        assertEquals(0, status(f, "a").inFlight());
        assertEquals(0, status(f, "a").loads());
    }

    @Test
    void aLoadRefusedAtOnceLeavesNothingCounted() throws Exception {
        RouterFixture f = new RouterFixture("a");
        f.router.shutdown();
        failure(f.router.acquireForLoad(f.router.resolve("a")));
        assertEquals(0, status(f, "a").loads());
    }

    private static CompletableFuture<Lease> bReady(RouterFixture f) {
        CompletableFuture<Lease> b = f.request("b");
        f.process("b").becomeReady();
        return b;
    }

    private static ModelStatus status(RouterFixture f, String id) {
        return f.router.models().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void nothingStartsNextToAModelThatIsStillStopping() throws Exception {
        RouterFixture f = new RouterFixture("a", "b");
        CompletableFuture<Lease> a = f.request("a");
        f.process("a").becomeReady();
        ready(a).close();
        f.router.unload("a");
        CompletableFuture<Lease> b = f.request("b");
        assertEquals(0, f.process("b").starts, "a still holds its memory while it stops");
        f.process("a").stopped();
        assertEquals(1, f.process("b").starts);
        f.process("b").becomeReady();
        ready(b).close();
    }

    @Test
    void shutdownRefusesQueuedAndNewRequests() throws Exception {
        RouterFixture f = new RouterFixture("a", "b");
        CompletableFuture<Lease> a = f.request("a");
        f.process("a").becomeReady();
        Lease inFlight = ready(a);
        CompletableFuture<Lease> b = f.request("b");
        f.router.shutdown().get(5, TimeUnit.SECONDS);
        assertEquals(Kind.SHUTTING_DOWN, failure(b).kind());
        assertEquals(Kind.SHUTTING_DOWN, failure(f.request("a")).kind());
        inFlight.close();
    }

    @Test
    void inFlightCountsAreVisibleInTheStatus() throws Exception {
        RouterFixture f = new RouterFixture("a");
        CompletableFuture<Lease> a = f.request("a");
        assertEquals(1, f.router.models().get(0).inFlight());
        f.process("a").becomeReady();
        ready(a).close();
        assertEquals(0, f.router.models().get(0).inFlight());
    }

    @Test
    void aRequestWaitingPastMaxQueueWaitGoesNext() throws Exception {
        RouterFixture f = RouterFixture.withRules("a b", "maxQueueWait: 1\n");
        CompletableFuture<Lease> a = f.request("a");
        f.process("a").becomeReady();
        Lease first = ready(a);
        CompletableFuture<Lease> b = f.request("b");
        Lease jumper = ready(f.request("a"));
        first.close();
        Thread.sleep(1300);
        f.router.expireIdle();
        CompletableFuture<Lease> late = f.request("a");
        assertFalse(late.isDone(), "b has waited past maxQueueWait: a takes no request that came after it");
        jumper.close();
        assertEquals(1, f.process("a").stops);
        f.process("a").stopped();
        f.process("b").becomeReady();
        ready(b).close();
        f.awaitStops("b", 1);
        f.process("b").stopped();
        f.awaitStarts("a", 2);
        f.process("a").becomeReady();
        ready(late).close();
    }

    /** A dead process takes no next request: the swap that waited for its answer goes without lingering. */
    @Test
    void aSwapWaitingForAModelWhoseProcessDiedGoesWithoutLingering() throws Exception {
        RouterFixture f = new RouterFixture("a", "b");
        CompletableFuture<Lease> a = f.request("a");
        f.process("a").becomeReady();
        Lease lease = a.get(5, TimeUnit.SECONDS);
        CompletableFuture<Lease> b = f.request("b");

        long cut = System.nanoTime();
        lease.close(); // its answer cut short by the death, noticed a moment before the exit
        f.process("a").died();
        f.bus.publish(new StateChanged("a", ProcessState.READY, ProcessState.STOPPED, Instant.now(), System.nanoTime(),
                "exited with code 137 (SIGKILL)", true, OptionalInt.of(137)));

        f.awaitStarts("b", 1);
        long waited = System.nanoTime() - cut;
        assertTrue(waited < Router.LINGER.toNanos(), "b started " + waited / 1_000_000 + " ms after a died");
        f.process("b").becomeReady();
        b.get(5, TimeUnit.SECONDS).close();
    }

    /**
     * As llama-swap, a model whose start failed or whose server died holds nothing: the matrix weighs
     * only what runs, so it keeps {@code g} (set {@code tg}, cost 0) rather than the set of the dead
     * {@code f}, which would stop {@code g} (cost 1) to spare {@code f}'s cost of 5.
     */
    @Test
    void aModelThatFailedToStartOrDiedIsNotWeighedAsRunning() throws Exception {
        String rules = """
                routing:
                  router:
                    use: matrix
                    settings:
                      matrix:
                        evict_costs: {f: 5}
                        sets: {tg: "t & g", tf: "t & f", gf: "g & f"}
                """;
        for (boolean crashedWhenReady : new boolean[] {false, true}) {
            RouterFixture f = RouterFixture.withRules("t g f", rules);
            CompletableFuture<Lease> g = f.request("g");
            f.process("g").becomeReady();
            ready(g).close();
            CompletableFuture<Lease> dead = f.request("f");
            f.awaitStarts("f", 1);
            if (crashedWhenReady) {
                f.process("f").becomeReady();
                ready(dead).close();
                f.process("f").died();
            } else {
                f.process("f").failStart(new StartFailedException("f", "exited with code 3 during start"));
                failure(dead);
            }

            CompletableFuture<Lease> t = f.request("t");
            f.awaitStarts("t", 1);
            f.process("t").becomeReady();
            ready(t).close();
            assertEquals(0, f.process("g").stops,
                    "g stays: only it ran (f " + (crashedWhenReady ? "died" : "failed") + ")");
        }
    }

    /** As llama-swap: a long answer in one group holds up no swap in another (their victims are apart). */
    @Test
    void aSwapInOneGroupGoesWhileAnotherGroupsSwapWaitsForABusyModel() throws Exception {
        RouterFixture f = RouterFixture.withRules("a b s s2", """
                groups:
                  chat: {swap: true, exclusive: false, members: [a, b]}
                  speech: {swap: true, exclusive: false, members: [s, s2]}
                """);
        CompletableFuture<Lease> a = f.request("a");
        f.process("a").becomeReady();
        ready(a).close();
        CompletableFuture<Lease> s = f.request("s");
        f.process("s").becomeReady();
        Lease longAnswer = ready(s);

        CompletableFuture<Lease> s2 = f.request("s2");
        CompletableFuture<Lease> b = f.request("b");
        f.awaitStops("a", 1);
        f.process("a").stopped();
        f.awaitStarts("b", 1);
        assertEquals(0, f.process("s").stops, "s still answers: s2's swap waits for it");
        f.process("b").becomeReady();
        ready(b).close();

        longAnswer.close();
        f.awaitStops("s", 1);
        f.process("s").stopped();
        f.awaitStarts("s2", 1);
        f.process("s2").becomeReady();
        ready(s2).close();
    }
}
