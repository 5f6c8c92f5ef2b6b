package dev.swapdeck.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.process.ProcessState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The withdrawal contract of {@link Upstreams#acquire} (SPEC §4): a request whose client left, signalled
 * by {@code cancel(false)} on its acquire, is forgotten at once.
 */
class RouterWithdrawalTest {

    private static Lease ready(CompletableFuture<Lease> lease) throws Exception {
        return lease.get(5, TimeUnit.SECONDS);
    }

    private static int demand(RouterFixture f, String id) {
        return f.router.models().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow().inFlight();
    }

    @Test
    void aWithdrawnQueuedRequestTriggersNoSwap() throws Exception {
        RouterFixture f = new RouterFixture("a", "b");
        CompletableFuture<Lease> a = f.request("a");
        f.process("a").becomeReady();
        Lease streaming = ready(a);

        CompletableFuture<Lease> b = f.request("b");
        assertEquals(1, demand(f, "b"), "queued behind a's response");
        b.cancel(false);
        assertEquals(0, demand(f, "b"), "out of the queue at once");

        streaming.close();
        assertEquals(0, f.process("a").stops, "nobody wants b any more: a keeps running");
        assertEquals(0, f.process("b").starts);
        assertEquals(ProcessState.READY, f.process("a").state());
        ready(f.request("a")).close();
    }

    @Test
    void aWithdrawnRequestNoLongerCountsTowardsTheConcurrencyLimit() throws Exception {
        RouterFixture f = new RouterFixture(List.of("a", "b"), Map.of(), Map.of(), 1, Duration.ZERO);
        CompletableFuture<Lease> a = f.request("a");
        f.process("a").becomeReady();
        Lease streaming = ready(a);
        CompletableFuture<Lease> leaving = f.request("b");
        leaving.cancel(false);

        CompletableFuture<Lease> staying = f.request("b");
        assertFalse(staying.isCompletedExceptionally(), "the departed request holds no place under the limit");
        streaming.close();
        f.awaitStops("a", 1);
        f.process("a").stopped();
        f.awaitStarts("b", 1);
        f.process("b").becomeReady();
        ready(staying).close();
    }

    @Test
    void aDepartureWhileStartingGivesItsSlotBackAtOnceAndTheStartServesOthers() throws Exception {
        RouterFixture f = new RouterFixture("a");
        CompletableFuture<Lease> leaving = f.request("a");
        CompletableFuture<Lease> staying = f.request("a");
        leaving.cancel(false);
        assertEquals(1, demand(f, "a"), "the departed request no longer counts, though admitted");

        f.process("a").becomeReady();
        Lease lease = ready(staying);
        assertEquals(1, demand(f, "a"), "the departed request's lease was never handed out");
        lease.close();
        assertEquals(0, demand(f, "a"));
        assertEquals(1, f.process("a").starts, "the start went on for the request that stayed");
        assertTrue(leaving.isCancelled());
    }
}
