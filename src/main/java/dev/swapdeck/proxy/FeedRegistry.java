package dev.swapdeck.proxy;

import dev.swapdeck.logging.ProxyLog;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The open live feeds, so that stopping the server ends them instead of waiting for their clients, and
 * a change of who is admitted ends those admitted under the old rules. At most {@link #MAX_OPEN} stream
 * at once: each is bounded, a slow reader's holding a megabyte or two ({@link LiveFeed}), and so are
 * all of them together.
 */
final class FeedRegistry {
    /** Far more than a person's tools keep open (a browser opens six connections to a server at most). */
    static final int MAX_OPEN = 64;
    private final Set<LiveFeed> feeds = ConcurrentHashMap.newKeySet();
    /** Taken by {@link #admit} before a feed subscribes, given back when it is removed. */
    private final Semaphore slots = new Semaphore(MAX_OPEN);
    private volatile boolean closed;

    /**
     * Takes a slot for a feed about to start on {@code exchange}, which then must {@link #add} it; when
     * every slot is taken, answers 503 instead and returns false.
     */
    boolean admit(HttpServerExchange exchange, ProxyLog log) {
        if (slots.tryAcquire()) {
            return true;
        }
        ApiError.tooManyFeeds(MAX_OPEN).send(exchange, log, null);
        return false;
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
            slots.release();
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
