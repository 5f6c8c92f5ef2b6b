package dev.swapdeck.routing;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.PeerConfig;
import dev.swapdeck.config.PeerModels;
import dev.swapdeck.config.SwapdeckConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The {@link Upstreams} the proxy uses: local models through the router, and the models of
 * {@code peers:} directly. A name the router does not know is looked up among the peers
 * ({@code peer/model}, or a bare name exactly one peer serves); a peer's model needs no start and
 * takes no part in swapping, so its lease is handed out at once and carries the peer's API key.
 */
public final class PeerUpstreams implements Upstreams {
    private final Upstreams local;
    private final SwapdeckConfig config;

    public PeerUpstreams(Upstreams local, SwapdeckConfig config) {
        this.local = local;
        this.config = config;
    }

    @Override
    public Route resolve(String requested) {
        return localElsePeer(requested, local::resolve);
    }

    @Override
    public Route resolveModel(String name) {
        return localElsePeer(name, local::resolveModel);
    }

    private Route localElsePeer(String requested, Function<String, Route> resolveLocally) {
        try {
            return resolveLocally.apply(requested);
        } catch (RoutingException e) {
            if (e.kind() != RoutingException.Kind.UNKNOWN_MODEL || requested == null) {
                throw e;
            }
            return PeerModels.resolve(config, requested).map(m -> new Route(requested, m, Optional.empty()))
                    .orElseThrow(() -> ambiguous(requested).orElse(e));
        }
    }

    /** The refusal of a bare name that more than one peer serves, saying which names would do. */
    private Optional<RoutingException> ambiguous(String requested) {
        List<String> peers = PeerModels.servingBare(config, requested);
        if (peers.size() < 2) {
            return Optional.empty();
        }
        String names = peers.stream().map(p -> config.extras().peers().get(p).qualified(requested))
                .collect(Collectors.joining(", "));
        return Optional.of(new RoutingException(RoutingException.Kind.UNKNOWN_MODEL, "'" + requested
                + "' is served by " + peers.size() + " peers; name one of " + names));
    }

    @Override
    public CompletableFuture<Lease> acquire(Route route) {
        Optional<String> peer = route.model().extras().peer();
        return peer.isEmpty() ? local.acquire(route) : peerLease(route, peer.get());
    }

    @Override
    public CompletableFuture<Lease> acquireForLoad(Route route) {
        Optional<String> peer = route.model().extras().peer();
        return peer.isEmpty() ? local.acquireForLoad(route) : peerLease(route, peer.get());
    }

    /** A peer's models are never swapped here. */
    @Override
    public boolean startNeedsSwap(Route route) {
        return route.model().extras().peer().isEmpty() && local.startNeedsSwap(route);
    }

    private CompletableFuture<Lease> peerLease(Route route, String peer) {
        PeerConfig settings = config.extras().peers().get(peer);
        return CompletableFuture.completedFuture(new PeerLease(route, settings.apiKey()));
    }

    /** Nothing to release: a peer's requests are neither counted nor limited here. */
    private record PeerLease(Route route, Optional<String> apiKey) implements Lease {
        @Override
        public ModelConfig model() {
            return route.model();
        }

        @Override
        public URI upstream() {
            return route.model().proxy();
        }

        @Override
        public long generation() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
