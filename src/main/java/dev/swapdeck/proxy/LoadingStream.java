package dev.swapdeck.proxy;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.loading.LoadProgress;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.Lease;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.Upstreams;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSinkChannel;

/**
 * llama-swap's {@code sendLoadingState} (SPEC §12): a streaming chat request whose model has to start
 * gets a {@code text/event-stream} answer at once, with {@link LoadingMessages} while it waits; once
 * the model is ready the response is handed to the forwarder, which streams the model's own answer
 * on ({@link ResponseContinuation}: the upstream's status and headers are skipped, its body follows).
 * A request that need not wait, does not stream, or is not a chat completion is left alone.
 *
 * <p>Everything that writes runs on the exchange's IO thread: the start (in the handler), the ticks
 * (timer tasks of that thread) and the closing (queued there when the lease arrives, ahead of the
 * forwarder, which queues its own work on the same thread after it).
 */
final class LoadingStream implements Upstreams {
    /** llama-swap's tick. */
    static final Duration TICK = Duration.ofMillis(750);
    static final String PATH = "/v1/chat/completions";
    /** Present while loading messages are written: they are not the model's answer (no first token). */
    static final AttachmentKey<Boolean> WRITING = AttachmentKey.create(Boolean.class);

    private final HttpServerExchange exchange;
    private final Engine engine;
    private final Upstreams upstreams;
    private final String model;
    private final LoadingMessages messages;
    private final long startNanos = System.nanoTime();
    private StreamSinkChannel channel;
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private XnioExecutor.Key next;
    private int ticks;
    private boolean over;

    private LoadingStream(HttpServerExchange exchange, Engine engine, Upstreams upstreams, Route route) {
        this.exchange = exchange;
        this.engine = engine;
        this.upstreams = upstreams;
        this.model = route.modelId();
        this.messages = new LoadingMessages(route.modelId());
    }

    /**
     * Forward with the returned {@link Upstreams}: it shows loading state if this request turns out to
     * wait for its model's start; {@code stream} is the body's {@code "stream": true}. Not for a model
     * served over https: its answer goes through {@link ProxyHandlerFallback}, which sends the
     * upstream's own head and cannot go on from a response already started.
     */
    static Upstreams install(HttpServerExchange exchange, Engine engine, Upstreams upstreams, Route route, boolean stream) {
        if (!route.model().feedback().sendLoadingState() || !exchange.getRequestPath().equals(PATH) || !stream
                || "https".equalsIgnoreCase(route.model().proxy().getScheme())) {
            return upstreams;
        }
        return new LoadingStream(exchange, engine, upstreams, route);
    }

    @Override
    public Route resolve(String requested) {
        return upstreams.resolve(requested);
    }

    @Override
    public CompletableFuture<Lease> acquire(Route route) {
        boolean ready = engine.activity().states().state(model) == ProcessState.READY;
        boolean overLimit = !ready && atConcurrencyLimit();
        CompletableFuture<Lease> pending = upstreams.acquire(route);
        if (pending.isDone() || ready || overLimit) {
            return pending;
        }
        begin();
        // the closing is queued on the IO thread before the forwarder's own continuation
        return ObservedLease.after(pending, (lease, failure) -> exchange.getIoThread().execute(() -> end(failure)));
    }

    /**
     * Whether the model already has {@code concurrencyLimit} requests: this one is then held for a
     * slot and most likely refused with 429, which a loading stream begun at once would turn into a
     * 200 with an error event. As in llama-swap, loading messages are for admitted requests only; one
     * that gets a slot within the router's grace waits for the start without them.
     */
    private boolean atConcurrencyLimit() {
        return engine.models().stream().filter(m -> m.id().equals(model)).findFirst()
                .map(ModelStatus::atConcurrencyLimit).orElse(false);
    }

    private void begin() {
        exchange.putAttachment(WRITING, Boolean.TRUE);
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        StreamingHeaders.unbuffered(exchange.getResponseHeaders());
        channel = exchange.getResponseChannel();
        send(messages.opening());
        schedule();
    }

    private void schedule() {
        next = exchange.getIoThread().executeAfter(this::tick, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (over) {
            return;
        }
        ticks++;
        Optional<LoadProgress> start = engine.loads().current(model);
        List<String> busy = start.isPresent() || ticks % LoadingMessages.TICKS_PER_LINE != 0 ? List.of() : busy();
        send(messages.tick(ticks, Duration.ofNanos(System.nanoTime() - startNanos), start, busy));
        if (!over) {
            schedule();
        }
    }

    /** The other models this request's start waits for: those answering requests, and those stopping. */
    private List<String> busy() {
        return engine.models().stream().filter(m -> !m.id().equals(model))
                .filter(m -> m.process().state() == ProcessState.STOPPING
                        || m.process().state() != ProcessState.STOPPED && m.inFlight() > 0)
                .map(ModelStatus::id).toList();
    }

    /**
     * Writes the closing lines, then hands the response over to the forwarder, or, when the start
     * failed ({@code failure}), ends it with the error. A client too slow to take the closing lines
     * is let go.
     */
    private void end(Throwable failure) {
        over = true;
        if (next != null) {
            next.remove();
        }
        if (failure instanceof CancellationException) {
            return;
        }
        send(messages.closing(Duration.ofNanos(System.nanoTime() - startNanos), failure == null));
        exchange.removeAttachment(WRITING);
        if (pending.hasRemaining()) {
            IoUtils.safeClose(exchange.getConnection());
        } else if (failure != null) {
            endWithError(ApiError.from(failure));
        } else {
            ResponseContinuation.handOver(exchange, channel);
        }
    }

    /**
     * Ends the response here, complete, with the error as an SSE {@code error} event: the forwarder,
     * told of the same failure next, finds the response over and only logs it.
     */
    private void endWithError(ApiError error) {
        ActivityTap.interrupted(exchange, error.message());
        send("event: error\ndata: " + error.toJson() + "\n\n");
        try {
            channel.shutdownWrites();
            if (!pending.hasRemaining() && channel.flush()) {
                exchange.endExchange();
                return;
            }
        } catch (IOException e) {
            // the client is gone: closing below is all that is left
        }
        IoUtils.safeClose(exchange.getConnection());
    }

    private void send(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + bytes.length);
        joined.put(pending).put(bytes).flip();
        pending = joined;
        try {
            int written;
            do {
                written = channel.write(pending);
            } while (written > 0 && pending.hasRemaining());
            channel.flush();
        } catch (IOException e) {
            over = true;
            IoUtils.safeClose(exchange.getConnection());
        }
    }
}
