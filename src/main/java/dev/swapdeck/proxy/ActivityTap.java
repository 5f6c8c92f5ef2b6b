package dev.swapdeck.proxy;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.activity.ActivityRecord.Wait;
import dev.swapdeck.activity.ActivityRecord.WaitReason;
import dev.swapdeck.activity.ResponseWatcher;
import dev.swapdeck.activity.TokenCounts;
import dev.swapdeck.logging.OneLine;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.Lease;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.Upstreams;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * Records one forwarded request in the {@link ActivityLog} (SPEC §12) from the outside of the
 * forwarding: it sees the wait for a lease through the {@link Upstreams} it hands the forwarder, and
 * the response through a wrapper on the exchange's response channel ({@link ActivityConduit}), so it
 * works with whatever forwarder sends the response. Install it in a handler, before forwarding:
 * {@code upstreams = ActivityTap.install(exchange, log, upstreams, route)}.
 *
 * <p>Threads: the wait is seen on whichever thread completes the lease; writes and the completion
 * on the exchange's IO thread, one after another.
 */
final class ActivityTap implements Upstreams {
    /** What a request whose client left before any answer is recorded with: nginx's "client closed request". */
    static final int CLIENT_CLOSED_REQUEST = 499;
    /** Why the answer on an exchange ended before it was whole; set by whatever ended it so. */
    private static final AttachmentKey<String> INTERRUPTION = AttachmentKey.create(String.class);
    private final HttpServerExchange exchange;
    private final ActivityLog log;
    private final Upstreams upstreams;
    /** The model that served the request: a reload may route a waiting request to another. */
    private volatile String model;
    /** False when a reload removed the name the request asked for: then it is nobody's, as an unknown name. */
    private volatile boolean routed = true;
    private final String method;
    private final String path;
    private final long arrivedNanos;
    private final Instant arrivedAt;
    private final boolean streamAsked;
    private volatile Wait wait = Wait.NONE;
    /** The client left while its request waited for a lease (the wait was withdrawn). */
    private volatile boolean leftWaiting;
    private ResponseWatcher watcher;

    private ActivityTap(HttpServerExchange exchange, ActivityLog log, Upstreams upstreams, Route route,
                        boolean streamAsked) {
        this.exchange = exchange;
        this.streamAsked = streamAsked;
        this.log = log;
        this.upstreams = upstreams;
        this.model = route.modelId();
        this.method = exchange.getRequestMethod().toString();
        this.path = shownPath(exchange);
        this.arrivedNanos = arrivedNanos(exchange);
        this.arrivedAt = instant(arrivedNanos);
    }

    /** When {@code exchange} arrived, on {@link System#nanoTime}'s scale. */
    private static long arrivedNanos(HttpServerExchange exchange) {
        long now = System.nanoTime();
        long started = exchange.getRequestStartTime();
        return started > 0 && started <= now ? started : now;
    }

    private static Instant instant(long nanos) {
        return Instant.now().minusNanos(System.nanoTime() - nanos);
    }

    /** Starts recording {@code exchange}, a request that did not ask for a stream; see the other. */
    static Upstreams install(HttpServerExchange exchange, ActivityLog log, Upstreams upstreams, Route route) {
        return install(exchange, log, upstreams, route, false);
    }

    /**
     * Starts recording {@code exchange}; forward with the returned {@link Upstreams}. {@code streamAsked}
     * (the body's {@code "stream": true}) is what the record says of a request that got no answer to
     * look at; an answer's own content type decides otherwise.
     */
    static Upstreams install(HttpServerExchange exchange, ActivityLog log, Upstreams upstreams, Route route,
                             boolean streamAsked) {
        ActivityTap tap = new ActivityTap(exchange, log, upstreams, route, streamAsked);
        exchange.addResponseWrapper((factory, ex) -> new ActivityConduit(factory.create(), tap));
        exchange.addExchangeCompleteListener((ex, next) -> {
            tap.complete();
            next.proceed();
        });
        return tap;
    }

    /** The longest requested name a refusal's record keeps: a client picks it, and the log keeps 1000 records. */
    static final int REFUSED_NAME_CHARS = OneLine.NAME_CHARS;

    /**
     * Records {@code exchange}, which Swapdeck refuses before it reaches a model (no model named, an
     * unknown name, a body it cannot read or take), once its answer has gone: under {@code requested},
     * the name it asked for (empty when none), control characters escaped and cut to
     * {@value #REFUSED_NAME_CHARS} characters; not {@link ActivityRecord#routed() routed}, so the
     * metrics do not make a series of a name a client made up. Call it before sending the refusal.
     */
    static void refused(HttpServerExchange exchange, ActivityLog log, String requested) {
        String model = shownName(requested);
        long arrived = arrivedNanos(exchange);
        String method = exchange.getRequestMethod().toString();
        String path = shownPath(exchange);
        IntFunction<LongFunction<ActivityRecord>> record = status -> seq -> new ActivityRecord(seq, instant(arrived),
                model, method, path, status, false, Duration.ofNanos(System.nanoTime() - arrived), Optional.empty(),
                TokenCounts.NONE, Wait.NONE, Optional.empty(), false);
        if (exchange.isComplete() || !exchange.getConnection().isOpen()) {
            // the client left (while its body was read): no answer goes, and the exchange has already ended
            log.add(record.apply(CLIENT_CLOSED_REQUEST));
            return;
        }
        exchange.addExchangeCompleteListener((ex, next) -> {
            log.add(record.apply(ex.getStatusCode()));
            next.proceed();
        });
    }

    /** The longest request path a record keeps: a client picks it, up to a megabyte, and the log keeps 1000. */
    static final int PATH_CHARS = 2_048;

    private static String shownPath(HttpServerExchange exchange) {
        return OneLine.clip(OneLine.escape(exchange.getRequestPath()), PATH_CHARS);
    }

    private static String shownName(String requested) {
        return OneLine.clip(OneLine.escape(requested), REFUSED_NAME_CHARS);
    }

    /** What an answer under way is recorded as if the exchange ends before {@link #answered} is called. */
    private static final String UNDER_WAY = "the client's connection closed before the answer ended";

    /**
     * Records that {@code exchange}'s answer ends before it is whole, because of {@code why} (the
     * client left; an error event ended a started stream); the first reason given stays.
     */
    static void interrupted(HttpServerExchange exchange, String why) {
        String known = exchange.getAttachment(INTERRUPTION);
        if (known == null || known == UNDER_WAY) {
            exchange.putAttachment(INTERRUPTION, why);
        }
    }

    /**
     * An upstream's answer starts to go to the client: until {@link #answered}, the exchange ending
     * means the answer was cut. A write to a client that has gone closes the connection, and so ends
     * the exchange, inside the write itself, before the forwarder can say why.
     */
    static void answering(HttpServerExchange exchange) {
        interrupted(exchange, UNDER_WAY);
    }

    /** Whether the client's connection closed while the answer went to it, before anyone said why. */
    static boolean leftWhileAnswering(HttpServerExchange exchange) {
        return exchange.getAttachment(INTERRUPTION) == UNDER_WAY;
    }

    /** The upstream's answer was read in full; only a reason given from now on marks it cut. */
    static void answered(HttpServerExchange exchange) {
        if (exchange.getAttachment(INTERRUPTION) == UNDER_WAY) {
            exchange.removeAttachment(INTERRUPTION);
        }
    }

    @Override
    public Route resolve(String requested) {
        return upstreams.resolve(requested);
    }

    @Override
    public CompletableFuture<Lease> acquire(Route route) {
        String asked = model;
        ProcessState before = log.states().state(asked);
        long stopsBefore = log.states().stopsBegun();
        CompletableFuture<Lease> pending;
        log.waitStarted(asked);
        try {
            pending = upstreams.acquire(route);
        } catch (RuntimeException e) {
            log.waitEnded(asked);
            throw e;
        }
        if (pending.isDone()) {
            log.waitEnded(asked);
            return pending;
        }
        // waiting for a swap: other models must stop first, whether or not one has begun to before the
        // wait ends (a client that leaves, or a 429, can end it earlier)
        boolean swapAhead = before != ProcessState.READY && upstreams.startNeedsSwap(route);
        // the wait's end is taken before the forwarder acts on the lease: else a quick first token
        // could be timed before the wait it followed
        return ObservedLease.after(pending, (lease, failure) -> {
            log.waitEnded(asked);
            if (lease != null) {
                model = lease.route().modelId();
            } else if (failure != null && ApiError.from(failure).status() == 404) {
                model = shownName(route.requested());
                routed = false;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - arrivedNanos);
            WaitReason reason = before == ProcessState.READY ? WaitReason.QUEUE
                    : swapAhead || log.states().stopsBegun() != stopsBefore ? WaitReason.SWAP : WaitReason.START;
            wait = new Wait(reason, waited);
            leftWaiting = pending.isCancelled();
        });
    }

    /** Bytes {@code from} to {@code to} of {@code buffer} were written to the client. */
    void written(ByteBuffer buffer, int from, int to) {
        if (from >= to || exchange.getAttachment(LoadingStream.WRITING) != null) {
            return;
        }
        if (watcher == null) {
            watcher = ResponseWatcher.of(exchange.getResponseHeaders().getFirst(Headers.CONTENT_TYPE),
                    exchange.getResponseHeaders().getFirst(Headers.CONTENT_ENCODING));
        }
        watcher.written(buffer, from, to, System.nanoTime());
    }

    private void complete() {
        long end = System.nanoTime();
        ResponseWatcher.Observed seen = watcher == null
                ? new ResponseWatcher(ResponseWatcher.Kind.OPAQUE).finish() : watcher.finish();
        // an error's body is a message, not an answer: it has no first token to time
        boolean answer = exchange.getStatusCode() < 400;
        Optional<Duration> firstToken = !answer || seen.firstContentNanos() == 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.max(0, seen.firstContentNanos() - arrivedNanos)));
        boolean stream = watcher == null ? streamAsked : watcher.kind() == ResponseWatcher.Kind.EVENT_STREAM;
        int status = exchange.getStatusCode();
        if (leftWaiting) {
            interrupted(exchange, "the client left while it waited for " + switch (wait.reason()) {
                case SWAP -> "a swap";
                case QUEUE -> "its turn";
                default -> "its model to start";
            });
        }
        if (!exchange.isResponseStarted() && exchange.getAttachment(INTERRUPTION) != null) {
            status = CLIENT_CLOSED_REQUEST; // nothing was sent: the exchange's status is Undertow's default 200
        }
        int answered = status;
        // a client that closes as soon as it has read the stream's last event (the OpenAI SDKs do) left
        // before the response's final chunk, but with the whole answer
        // an error the upstream reported inside a stream it began with 200 ends the answer there, though
        // the stream may still close as a whole one does (llama-server sends [DONE] after it)
        Optional<String> interruption = Optional.ofNullable(exchange.getAttachment(INTERRUPTION))
                .filter(why -> !seen.streamEnded())
                .or(() -> seen.error().map(message -> "the upstream reported an error: " + message));
        log.add(seq -> new ActivityRecord(seq, arrivedAt, model, method, path, answered,
                stream, Duration.ofNanos(end - arrivedNanos), firstToken, seen.counts(), wait, interruption, routed));
    }
}
