package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.event.Event;
import dev.swapdeck.event.EventQueue;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.function.Supplier;

/**
 * {@code GET /api/events}: server-sent events, one message per engine event
 * ({@code event: state|log|inflight|profile|config|memory}, {@code data: <json>}), as the window sees them.
 * The first is {@code event: models}, what {@code GET /api/models} says at that moment (as llama-swap's
 * stream starts with the models' status): a client starts from the whole picture, and every change
 * after it comes as an event (one made while the stream began may come after the picture too).
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
    private final Supplier<ObjectNode> models;

    EventsRoute(Engine engine, FeedRegistry feeds, ProxyOptions options, Supplier<ObjectNode> models) {
        this.engine = engine;
        this.feeds = feeds;
        this.options = options;
        this.models = models;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        // subscribed before the picture is taken: no change falls between the two
        EventQueue queue = engine.events().subscribeQueue(options.streamQueueCapacity(), LiveFeed.QUEUE_BYTES,
                event -> true);
        String picture = ": connected\n\nevent: models\ndata: " + models.get() + "\n\n";
        LiveFeed.start(exchange, "text/event-stream", picture, queue, SSE, feeds, options);
    }
}
