package dev.swapdeck.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open live feeds, so that stopping the server ends them instead of waiting for their clients, and
 * a change of who is admitted ends those admitted under the old rules.
 */
final class FeedRegistry {
    private final Set<LiveFeed> feeds = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Returns false once the registry is closed: the feed must not start. */
    boolean add(LiveFeed feed) {
        feeds.add(feed);
        if (closed) {
            feeds.remove(feed);
            return false;
        }
        return true;
    }

    void remove(LiveFeed feed) {
        feeds.remove(feed);
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
