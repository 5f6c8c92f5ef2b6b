package dev.swapdeck.proxy;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.event.Event;
import dev.swapdeck.event.EventQueue;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code GET /api/events}: server-sent events, one message per engine event
 * ({@code event: state|log|inflight|profile|config|memory}, {@code data: <json>}), as the window sees them.
 * A reader too slow to keep up gets {@code event: dropped} with the number it missed; a comment is
 * sent after every quiet keep-alive interval so idle connections stay open (and dead ones are noticed).
 */
final class EventsRoute implements HttpHandler {
    private static final LiveFeed.Format SSE = new LiveFeed.Format() {
        @Override
        public String render(Event event) {
            return EventJson.sse(event);
        }

        @Override
        public String dropped(long count) {
            return "event: dropped\ndata: {\"dropped\":" + count + ",\"message\":\"" + count
                    + " events dropped: this reader was too slow\"}\n\n";
        }

        @Override
        public String keepAlive() {
            return ": keep-alive\n\n";
        }
    };

    private final Engine engine;
    private final FeedRegistry feeds;
    private final ProxyOptions options;

    EventsRoute(Engine engine, FeedRegistry feeds, ProxyOptions options) {
        this.engine = engine;
        this.feeds = feeds;
        this.options = options;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        EventQueue queue = engine.events().subscribeQueue(options.streamQueueCapacity(), event -> true);
        LiveFeed.start(exchange, "text/event-stream", ": connected\n\n", queue, SSE, feeds, options);
    }
}
