package dev.swapdeck.routing;

import dev.swapdeck.config.PeerModels;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.process.ProcessState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A router's {@link Upstreams} as requests see them across a reload. While a reload hands over, the
 * old router serves the models that stay as they were; a request it cannot serve now (a model to be
 * started or swapped in, one whose settings changed, or a name only the new configuration has) would
 * get a 503 or a 404. Instead it waits for the new configuration, as a swap would queue it, and is
 * routed again there by the name it asked for (which may be gone: then it fails as an unknown name
 * would). Withdrawal works throughout: cancelling the returned future cancels whichever acquisition
 * is under way, and a lease that arrives after it is closed at once.
 */
public final class ReloadWaiting implements Upstreams {
    /** What a router's requests need to know of the reloads around it. */
    public interface Reloads {
        /** Completes once the reload under way (if any) has installed its router, or failed. */
        CompletableFuture<?> underWay();

        /** The upstreams in force now. */
        Upstreams latest();

        /** The configuration the reload under way is installing, once it has been read and accepted. */
        Optional<SwapdeckConfig> coming();

        /** Whether Swapdeck is shutting down (a reload it ends installs nothing). */
        boolean shuttingDown();
    }

    private final Upstreams router;
    private final Reloads reloads;

    public ReloadWaiting(Upstreams router, Reloads reloads) {
        this.router = router;
        this.reloads = reloads;
    }

    @Override
    public Route resolve(String requested) {
        try {
            return router.resolve(requested);
        } catch (RoutingException unknown) {
            return coming(requested, unknown, names -> names.resolve(requested, Optional.empty(), id -> ProcessState.STOPPED));
        }
    }

    @Override
    public Route resolveModel(String name) {
        try {
            return router.resolveModel(name);
        } catch (RoutingException unknown) {
            return coming(name, unknown, names -> names.named(name));
        }
    }

    /**
     * Where {@code requested}, unknown here, leads in the configuration a reload is installing (no pin
     * profile is active there yet, and no model has started); {@code unknown} if nowhere. The request
     * then waits for that configuration and is routed again there.
     */
    private Route coming(String requested, RoutingException unknown, Function<RouteNames, Route> resolve) {
        Optional<SwapdeckConfig> next = reloads.coming();
        if (unknown.kind() != RoutingException.Kind.UNKNOWN_MODEL || next.isEmpty()) {
            throw unknown;
        }
        try {
            return resolve.apply(new RouteNames(next.get()));
        } catch (RoutingException e) {
            return PeerModels.resolve(next.get(), requested).map(m -> new Route(requested, m, Optional.empty()))
                    .orElseThrow(() -> unknown);
        }
    }

    @Override
    public CompletableFuture<Lease> acquire(Route route) {
        return acquire(route, false);
    }

    @Override
    public CompletableFuture<Lease> acquireForLoad(Route route) {
        return acquire(route, true);
    }

    private CompletableFuture<Lease> acquire(Route route, boolean load) {
        long asked = route.waitingSince().orElseGet(System::nanoTime);
        CompletableFuture<Lease> result = new CompletableFuture<>();
        follow(firstTry(route, load), result, route, asked, load);
        return result;
    }

    /** The acquisition here; a model this router does not know (a reload's new one) waits for the reload. */
    private CompletableFuture<Lease> firstTry(Route route, boolean load) {
        try {
            return load ? router.acquireForLoad(route) : router.acquire(route);
        } catch (RoutingException e) {
            if (e.kind() != RoutingException.Kind.UNKNOWN_MODEL || reloads.coming().isEmpty() && reloads.latest() == this) {
                throw e;
            }
            return CompletableFuture.failedFuture(new RoutingException(RoutingException.Kind.RELOADING,
                    "'" + route.modelId() + "' comes with the configuration being loaded"));
        }
    }

    @Override
    public boolean startNeedsSwap(Route route) {
        try {
            return router.startNeedsSwap(route);
        } catch (RoutingException e) {
            return false; // a model that comes with a reload: the new configuration decides
        }
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
            reloads.underWay().whenComplete((done, failed) -> {
                if (result.isDone()) {
                    return; // withdrawn while the reload went on
                }
                Upstreams next = reloads.latest();
                if (next == this) {
                    // the reload installed nothing: nowhere else to go
                    result.completeExceptionally(reloads.shuttingDown() ? new RoutingException(
                            RoutingException.Kind.SHUTTING_DOWN, Router.SHUTTING_DOWN) : refused);
                    return;
                }
                try {
                    // the new configuration's own ReloadWaiting follows any reload after this one
                    Route again = next.resolve(route.requested()).waitingSince(asked, refused.letIn() || route.letIn())
                            .withPresence(route.presence());
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
