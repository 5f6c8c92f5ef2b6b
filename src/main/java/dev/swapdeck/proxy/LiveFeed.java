package dev.swapdeck.proxy;

import dev.swapdeck.event.Event;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.event.EventQueue;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSinkChannel;

/**
 * One endless streaming response (a log stream or {@code /api/events}) fed from a bounded
 * {@link EventQueue}. No thread is held per stream: a short periodic task on the connection's IO
 * thread drains the queue and writes without blocking. When the client reads too slowly, about
 * {@link #MAX_PENDING_BYTES} wait unsent and {@link #QUEUE_BYTES} queued (so a slow reader holds a
 * megabyte or two, however long the lines), the queue fills, the engine's events are dropped and
 * counted, and the client is told how many it missed. The queue is closed (unsubscribed) as soon as
 * the exchange ends, the client goes away or the server stops. A client that went away is noticed
 * when a write to it fails: at the next line for a log stream, at the next keep-alive at the latest
 * for {@code /api/events}.
 */
final class LiveFeed implements Runnable {
    static final int MAX_PENDING_BYTES = 256 * 1024;
    /** What a feed's queue holds at most ({@link dev.swapdeck.event.Event#weight}), besides its count. */
    static final long QUEUE_BYTES = 1024 * 1024;
    private static final int MAX_EVENTS_PER_TICK = 2_000;

    /** How a feed turns events into text. */
    interface Format {
        /** The text for one event, or null to skip it. */
        String render(Event event);

        /**
         * What tells the reader it missed {@code lines} log lines and {@code others} other events (from
         * {@link #subscribe}, which counts the two apart); called only when one of them is above zero.
         */
        String dropped(long lines, long others);

        /** Written after a quiet keep-alive interval; null for none. */
        String keepAlive();
    }

    private final HttpServerExchange exchange;
    private final StreamSinkChannel channel;
    private final EventQueue queue;
    private final Format format;
    private final FeedRegistry registry;
    private final long intervalMillis;
    private final long keepAliveNanos;
    /** The most events the queue holds: what the stream's end drains at most. */
    private final int queueCapacity;
    private static final long PRESENCE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private long lastPresenceCheck = System.nanoTime();
    private final List<Event> batch = new ArrayList<>();
    private final PendingBytes pending = new PendingBytes();
    private long lastWrite = System.nanoTime();
    private volatile boolean closed;
    /** How many events the last {@link #drain} took from the queue; the IO thread's. */
    private int lastDrained;
    private volatile XnioExecutor.Key next;

    private LiveFeed(HttpServerExchange exchange, EventQueue queue, Format format, FeedRegistry registry,
                     ProxyOptions options) {
        this.exchange = exchange;
        this.channel = exchange.getResponseChannel();
        this.queue = queue;
        this.format = format;
        this.registry = registry;
        this.intervalMillis = Math.max(1, options.streamPollInterval().toMillis());
        this.keepAliveNanos = options.keepAliveInterval().toNanos();
        this.queueCapacity = options.streamQueueCapacity();
    }

    /**
     * A queue for a feed, taking the events {@code filter} accepts, of the size every feed has, counting
     * its drops of log lines (kind 0) and of other events (kind 1) apart.
     */
    static EventQueue subscribe(EventBus events, ProxyOptions options, Predicate<Event> filter) {
        return events.subscribeQueue(options.streamQueueCapacity(), QUEUE_BYTES, filter, 2,
                event -> event.sheddable() ? 0 : 1);
    }

    /**
     * Starts streaming {@code preamble} (a history) then the queue's events. Takes ownership of
     * {@code queue}. Call from a handler on the exchange's IO thread, once {@link FeedRegistry#admit}
     * gave it a slot.
     */
    static void start(HttpServerExchange exchange, String contentType, String preamble, EventQueue queue,
                      Format format, FeedRegistry registry, ProxyOptions options) {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        StreamingHeaders.unbuffered(exchange.getResponseHeaders());
        LiveFeed feed = new LiveFeed(exchange, queue, format, registry, options);
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            feed.close();
            nextListener.proceed();
        });
        if (!registry.add(feed)) {
            feed.close();
            return;
        }
        feed.pending.append(preamble);
        // Dispatched so that Undertow does not end the exchange when the handler returns.
        exchange.dispatch(SameThreadExecutor.INSTANCE, feed);
    }

    HttpServerExchange exchange() {
        return exchange;
    }

    @Override
    public void run() {
        if (closed) {
            return;
        }
        try {
            if (pending.unsent() < MAX_PENDING_BYTES) {
                pending.append(drain(MAX_PENDING_BYTES - pending.unsent()));
            }
            if (pending.unsent() == 0 && format.keepAlive() != null
                    && System.nanoTime() - lastWrite >= keepAliveNanos) {
                pending.append(format.keepAlive());
            }
            write();
            if (clientLeft()) {
                close();
                return;
            }
        } catch (IOException | RuntimeException e) {
            close();
            return;
        }
        next = exchange.getIoThread().executeAfter(this, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * A quiet stream writes nothing, so a client that left would be noticed only at the next line,
     * perhaps never: about once a second the socket is looked at directly.
     */
    private boolean clientLeft() {
        long now = System.nanoTime();
        if (now - lastPresenceCheck < PRESENCE_CHECK_NANOS) {
            return false;
        }
        lastPresenceCheck = now;
        return ClientSocket.check(exchange) == ClientSocket.Presence.GONE;
    }

    /** The text of what is queued, about {@code room} bytes of it at most, and of what was dropped. */
    private String drain(long room) {
        StringBuilder text = new StringBuilder();
        long lines = queue.takeDropped(0);
        batch.clear();
        queue.drainTo(batch, MAX_EVENTS_PER_TICK, room);
        lastDrained = batch.size();
        // Told once the events queued before them are out, so that what a format sends in their place
        // (the state now) comes after every older event and none of those can make it stale again.
        long others = queue.takeDroppedOnceCaughtUp(1);
        for (Event event : batch) {
            String rendered = format.render(event);
            if (rendered != null) {
                text.append(rendered);
            }
        }
        batch.clear();
        if (lines > 0 || others > 0) {
            text.append(format.dropped(lines, others));
        }
        return text.toString();
    }

    private void write() throws IOException {
        if (pending.writeTo(channel)) {
            lastWrite = System.nanoTime();
        }
        channel.flush();
    }

    /**
     * Ends the feed as a finished response, for a server that stops: what is queued (a shutdown's last
     * state changes, published just before) and pending is written as far as the client takes it, then
     * the response's end (its last chunk), so a client tells a shutdown from a network failure. Any
     * thread; the work runs on the exchange's IO thread.
     */
    void end() {
        exchange.getIoThread().execute(() -> {
            if (closed) {
                return;
            }
            // as much as a tick's bound lets wait, and a queue's worth of events: a flood that goes on while
            // the server stops (of events this stream does not show, too) ends the drain as well
            int left = queueCapacity;
            for (long room = MAX_PENDING_BYTES - pending.unsent(); room > 0 && left > 0;
                    room = MAX_PENDING_BYTES - pending.unsent()) {
                String rest = drain(room);
                if (lastDrained == 0 && rest.isEmpty()) {
                    break;
                }
                left -= lastDrained;
                pending.append(rest);
            }
            if (!stop()) {
                return;
            }
            try {
                pending.writeTo(channel);
            } catch (IOException e) {
                // the client is gone: ending the exchange closes its connection
            }
            pending.release();
            exchange.endExchange();
        });
    }

    /** Ends the feed: unsubscribes, stops the task and closes the connection. Idempotent, any thread. */
    void close() {
        if (stop()) {
            pending.release();
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    /** Unsubscribes and stops the task; false if the feed had ended already. */
    private synchronized boolean stop() {
        if (closed) {
            return false;
        }
        closed = true;
        queue.close();
        registry.remove(this);
        XnioExecutor.Key key = next;
        if (key != null) {
            key.remove();
        }
        return true;
    }
}
