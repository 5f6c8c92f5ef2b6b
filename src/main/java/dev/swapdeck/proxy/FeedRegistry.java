package dev.swapdeck.proxy;

import dev.swapdeck.logging.ProxyLog;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open live feeds, so that stopping the server ends them instead of waiting for their clients, and
 * a change of who is admitted ends those admitted under the old rules. At most {@link #MAX_OPEN} stream
 * at once: each is bounded, a slow reader's holding a megabyte or two ({@link LiveFeed}), and so are
 * all of them together.
 */
final class FeedRegistry {
    /**
     * Headroom, not a measured need: a person's tools keep a few streams open. What it bounds is what
     * slow readers hold together, a megabyte or two each ({@link LiveFeed}).
     */
    static final int MAX_OPEN = 64;
    private static final AttachmentKey<Slot> SLOT = AttachmentKey.create(Slot.class);
    private final Set<LiveFeed> feeds = ConcurrentHashMap.newKeySet();
    /** Taken by {@link #admit} before a feed subscribes; see {@link Slot}. */
    private final Semaphore slots = new Semaphore(MAX_OPEN);
    private volatile boolean closed;

    /**
     * One exchange's place among the {@link #MAX_OPEN}, given back once: when its feed is removed, or
     * when the exchange ends, which it also does when its handler failed before the feed started.
     */
    private final class Slot {
        private final AtomicBoolean held = new AtomicBoolean(true);

        void release() {
            if (held.compareAndSet(true, false)) {
                slots.release();
            }
        }
    }

    /**
     * Takes a slot for a feed about to start on {@code exchange}; when every slot is taken, answers 503
     * instead and returns false.
     */
    boolean admit(HttpServerExchange exchange, ProxyLog log) {
        if (!slots.tryAcquire()) {
            ApiError.tooManyFeeds(MAX_OPEN).send(exchange, log, null);
            return false;
        }
        Slot slot = new Slot();
        exchange.putAttachment(SLOT, slot);
        exchange.addExchangeCompleteListener((ended, next) -> {
            slot.release();
            next.proceed();
        });
        return true;
    }

    /** Returns false once the registry is closed: the feed must not start. */
    boolean add(LiveFeed feed) {
        feeds.add(feed);
        if (closed) {
            remove(feed);
            return false;
        }
        return true;
    }

    void remove(LiveFeed feed) {
        if (feeds.remove(feed)) {
            Slot slot = feed.exchange().getAttachment(SLOT);
            if (slot != null) {
                slot.release();
            }
        }
    }

    int size() {
        return feeds.size();
    }

    /** The server stops: every feed ends its response (and no new one starts). */
    void endAll() {
        closed = true;
        endOpen();
    }

    /** Ends the feeds open now (new ones may start); returns how many there were. */
    int endOpen() {
        List<LiveFeed> open = new ArrayList<>(feeds);
        open.forEach(LiveFeed::end);
        return open.size();
    }
}
