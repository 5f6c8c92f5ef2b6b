package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.routing.Lease;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The order and the withdrawal {@link ActivityTap} relies on to time a wait before its answer. */
class ObservedLeaseTest {
    private final CompletableFuture<Lease> pending = new CompletableFuture<>();
    private final List<String> order = new ArrayList<>();
    private final Lease lease = new FakeUpstreams.TrackedLease(
            ProxyTestModels.model("a", URI.create("http://127.0.0.1:1")), 1);

    @Test
    void whatTheCallerChainsRunsAfterTheLookEvenWhenChainedLast() {
        CompletableFuture<Lease> observed = ObservedLease.after(pending, (l, f) -> order.add("look"));
        observed.whenComplete((l, f) -> order.add("forward"));
        pending.complete(lease);
        assertEquals(List.of("look", "forward"), order);
        assertSame(lease, observed.join());
    }

    @Test
    void aFailureReachesTheLookAndTheCaller() {
        CompletableFuture<Lease> observed = ObservedLease.after(pending, (l, f) -> order.add("look " + f.getMessage()));
        pending.completeExceptionally(new IllegalStateException("start failed"));
        assertEquals(List.of("look start failed"), order);
        assertTrue(observed.isCompletedExceptionally());
    }

    @Test
    void cancellingWithdrawsTheRoutersRequestAndTheLookSeesIt() {
        CompletableFuture<Lease> observed = ObservedLease.after(pending,
                (l, f) -> order.add(f instanceof CancellationException ? "look: withdrawn" : "look"));
        assertTrue(observed.cancel(false));
        assertTrue(pending.isCancelled(), "the router's request is withdrawn");
        assertTrue(observed.isCancelled());
        assertEquals(List.of("look: withdrawn"), order);
    }

    @Test
    void cancellingAfterTheGrantChangesNothingAndTheLeaseStillComes() {
        CompletableFuture<Lease> observed = ObservedLease.after(pending, (l, f) -> order.add("look"));
        pending.complete(lease);
        assertFalse(observed.cancel(false), "a granted lease is closed by its caller, not withdrawn");
        assertFalse(observed.isCancelled());
        assertSame(lease, observed.join());
    }
}
