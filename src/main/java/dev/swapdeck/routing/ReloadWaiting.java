package dev.swapdeck.routing;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A router's {@link Upstreams} as requests see them across a reload. While a reload hands over, the
 * old router serves the models that stay as they were; a request it cannot serve now (a model to be
 * started or swapped in, or one whose settings changed) would get a 503. Instead it waits for the new
 * configuration, as a swap would queue it, and is routed again there by the name it asked for (which
 * may be gone: then it fails as an unknown name would). Withdrawal works throughout: cancelling the
 * returned future cancels whichever acquisition is under way, and a lease that arrives after it is
 * closed at once.
 */
public final class ReloadWaiting implements Upstreams {
    private final Upstreams router;
    private final Supplier<CompletableFuture<?>> reloaded;
    private final Supplier<Upstreams> latest;

    /**
     * @param reloaded completes once the reload under way has installed its router (or failed)
     * @param latest   the upstreams in force afterwards
     */
    public ReloadWaiting(Upstreams router, Supplier<CompletableFuture<?>> reloaded, Supplier<Upstreams> latest) {
        this.router = router;
        this.reloaded = reloaded;
        this.latest = latest;
    }

    @Override
    public Route resolve(String requested) {
        return router.resolve(requested);
    }

    @Override
    public Route resolveModel(String name) {
        return router.resolveModel(name);
    }

    @Override
    public CompletableFuture<Lease> acquire(Route route) {
        long asked = route.waitingSince().orElseGet(System::nanoTime);
        CompletableFuture<Lease> result = new CompletableFuture<>();
        follow(router.acquire(route), result, route, asked, false);
        return result;
    }

    @Override
    public CompletableFuture<Lease> acquireForLoad(Route route) {
        long asked = route.waitingSince().orElseGet(System::nanoTime);
        CompletableFuture<Lease> result = new CompletableFuture<>();
        follow(router.acquireForLoad(route), result, route, asked, true);
        return result;
    }

    @Override
    public boolean startNeedsSwap(Route route) {
        return router.startNeedsSwap(route);
    }

    /**
     * Waits out a {@code RELOADING} refusal of {@code acquiring}, then asks the new configuration once,
     * as a request waiting since {@code asked}: it keeps its place in the queue and its time waited.
     */
    private void follow(CompletableFuture<Lease> acquiring, CompletableFuture<Lease> result, Route route, long asked,
                        boolean load) {
        relay(acquiring, result, refused -> {
            if (refused.kind() != RoutingException.Kind.RELOADING) {
                result.completeExceptionally(refused);
                return;
            }
            reloaded.get().whenComplete((done, failed) -> {
                if (result.isDone()) {
                    return; // withdrawn while the reload went on
                }
                Upstreams next = latest.get();
                if (next == this) {
                    result.completeExceptionally(refused); // the reload installed nothing: nowhere else to go
                    return;
                }
                try {
                    // the new configuration's own ReloadWaiting follows any reload after this one
                    Route again = next.resolve(route.requested()).waitingSince(asked);
                    relay(load ? next.acquireForLoad(again) : next.acquire(again), result, result::completeExceptionally);
                } catch (RoutingException e) {
                    result.completeExceptionally(e);
                }
            });
        });
    }

    /**
     * Hands {@code acquiring}'s lease to {@code result} (closed if the caller withdrew), its refusal to
     * {@code refused}; withdrawing {@code result} withdraws {@code acquiring}.
     */
    private static void relay(CompletableFuture<Lease> acquiring, CompletableFuture<Lease> result,
                              Consumer<RoutingException> refused) {
        result.whenComplete((lease, error) -> {
            if (result.isCancelled()) {
                acquiring.cancel(false);
            }
        });
        acquiring.whenComplete((lease, error) -> {
            if (error == null) {
                if (!result.complete(lease)) {
                    lease.close();
                }
            } else if (!result.isDone()) {
                refused.accept(RoutingException.of(error));
            }
        });
    }
}
