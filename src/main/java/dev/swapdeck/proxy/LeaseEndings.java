package dev.swapdeck.proxy;

import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.routing.Lease;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The forwarder's side of one {@link UpstreamCall}: the lease, the client's error answers, and the one
 * case where a request is served by a new start of its model instead of a 502.
 *
 * <p>A request that comes in just after its model's server died on its own, before Swapdeck has seen
 * the exit, finds the port closed, or its connection reset with the request unread ({@link PeerReset}).
 * No server read it, so it is the "next request" that starts a crashed model again (SPEC §3): its lease
 * is released and it is routed once more, which starts the model. Only once per request, and never
 * for a request a server may have read (a connection closed cleanly before any answer): a request
 * that crashes its server is not sent to the next one.
 */
final class LeaseEndings implements CallEndings {
    /** How long a 502 waits for news of its server's exit; the exit watch reports within milliseconds. */
    private static final long EXIT_NEWS_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long EXIT_NEWS_STEP_MILLIS = 5;
    private static final AttachmentKey<Boolean> ROUTED_AGAIN = AttachmentKey.create(Boolean.class);

    private final LogHub log;
    private final Lease lease;
    private final LeaseSlot slot;
    private final String model;
    private final Runnable routeAgain;

    /** {@code routeAgain}: acquires a new lease for the same request and forwards it there. */
    LeaseEndings(LogHub log, Lease lease, LeaseSlot slot, Runnable routeAgain) {
        this.log = log;
        this.lease = lease;
        this.slot = slot;
        this.model = lease.model().id();
        this.routeAgain = routeAgain;
    }

    /** Whether {@code exchange} is being routed a second time, after its model's server was found gone. */
    static boolean routedAgain(HttpServerExchange exchange) {
        return exchange.getAttachment(ROUTED_AGAIN) != null;
    }

    @Override
    public void unreachable(HttpServerExchange exchange, String why, boolean mayHaveBeenRead) {
        answerUnreachable(exchange, why, mayHaveBeenRead, System.nanoTime() + EXIT_NEWS_NANOS);
    }

    /**
     * A server killed with the request takes its connections down a few milliseconds before its exit is
     * reported: the answer waits that long (the IO thread is not held) to say how it ended.
     */
    private void answerUnreachable(HttpServerExchange exchange, String why, boolean mayHaveBeenRead, long until) {
        Optional<String> gone = stopped();
        if (gone.isEmpty() && lease.exitIsWatched() && System.nanoTime() - until < 0) {
            try {
                exchange.getIoThread().executeAfter(() -> answerUnreachable(exchange, why, mayHaveBeenRead, until),
                        EXIT_NEWS_STEP_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException shuttingDown) {
                // the IO thread takes no more tasks: answer with what is known now
            }
        }
        Optional<String> crashed = lease.exited();
        if (!mayHaveBeenRead && crashed.isPresent() && !exchange.isResponseStarted() && !routedAgain(exchange)) {
            exchange.putAttachment(ROUTED_AGAIN, true);
            log.log(LogLevel.INFO, model, exchange.getRequestMethod() + " " + exchange.getRequestPath()
                    + ": the request found " + model + "'s server gone (" + crashed.get()
                    + ") with the request unread, so " + model + " starts again for it");
            slot.abandon();
            routeAgain.run();
            return;
        }
        ApiError error = ApiError.upstreamFailed("the server of model " + model + " at " + lease.upstream()
                + " " + why + gone.map(how -> ", because " + how).orElse("") + uncheckedStart(why));
        if (exchange.isResponseStarted()) {
            log.log(LogLevel.ERROR, model, exchange.getRequestMethod() + " " + exchange.getRequestPath()
                    + " -> error event on the started response: " + error.message());
            ResponseContinuation.endWithError(exchange, error);
        } else {
            error.send(exchange, log, model);
        }
    }

    /** What to do when nothing listens yet on a model that is ready once spawned ({@code checkEndpoint: none}). */
    private String uncheckedStart(String why) {
        if (lease.model().checkEndpoint().isPresent() || lease.model().extras().isRemote()
                || !why.startsWith(UpstreamCall.NOT_CONNECTED)) {
            return "";
        }
        return "; its checkEndpoint is none, so requests go to it as soon as it is spawned: set checkEndpoint to a path"
                + " it answers with 200 once it serves (llama-server's /health), and requests wait for that";
    }

    @Override
    public void refused(HttpServerExchange exchange, UpstreamRefusal refusal) {
        String message = refusal.message(model);
        log.log(LogLevel.WARN, model, exchange.getRequestMethod() + " " + exchange.getRequestPath()
                + " -> error event after loading progress: " + message);
        ResponseContinuation.endWithError(exchange, refusal.eventJson(model), message);
    }

    @Override
    public void answered(HttpServerExchange exchange) {
        slot.abandon();
    }

    @Override
    public String brokeOff(HttpServerExchange exchange) {
        slot.abandon();
        Optional<String> stopped = stopped();
        String why = stopped.map(stop -> "the answer was cut: " + stop).orElse("the model's server broke off its answer");
        // a stop is Swapdeck's own doing (unload, swap, ttl, shutdown); a server that breaks off is not
        log.log(stopped.isPresent() ? LogLevel.INFO : LogLevel.WARN, model, exchange.getRequestMethod() + " "
                + exchange.getRequestPath() + ": " + why);
        return why;
    }

    @Override
    public Optional<String> stopped() {
        return lease.stopReason().map(why -> model + " was stopped (" + why + ")")
                .or(() -> lease.exited().map(how -> model + "'s server " + how));
    }

    @Override
    public void clientLeft(HttpServerExchange exchange) {
        slot.clientLeft();
        log.log(LogLevel.DEBUG, model, exchange.getRequestMethod() + " " + exchange.getRequestPath()
                + ": the client left; the upstream request was cancelled");
    }
}
