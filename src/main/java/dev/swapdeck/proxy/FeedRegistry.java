package dev.swapdeck.proxy;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open live feeds, so that stopping the server ends them instead of waiting for their clients. */
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
        for (LiveFeed feed : new ArrayList<>(feeds)) {
            feed.end();
        }
    }
}
