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
 * A reader too slow to keep up gets {@code event: dropped} with the numbers it missed (log lines go
 * first, see {@link EventQueue}), and a new {@code models} picture when state changes were among them; a comment is
 * sent after every quiet keep-alive interval so idle connections stay open (and dead ones are noticed).
 */
final class EventsRoute implements HttpHandler {
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
        if (!feeds.admit(exchange, engine.logs())) {
            return;
        }
        // subscribed before the picture is taken: no change falls between the two
        EventQueue queue = LiveFeed.subscribe(engine.events(), options, event -> true);
        String picture = ": connected\n\n" + picture();
        LiveFeed.start(exchange, "text/event-stream", picture, queue, new SseFormat(), feeds, options);
    }

    private String picture() {
        return "event: models\ndata: " + models.get() + "\n\n";
    }

    private final class SseFormat implements LiveFeed.Format {
        @Override
        public String render(Event event) {
            return EventJson.sse(event);
        }

        /**
         * Log lines are shed first and a reader is only told of them; when other events were lost too, a
         * new picture of the models follows, so that no state a dropped change would have told is stale.
         */
        @Override
        public String dropped(long lines, long others) {
            long all = lines + others;
            String notice = "event: dropped\ndata: {\"dropped\":" + all + ",\"logLines\":" + lines
                    + ",\"others\":" + others + ",\"message\":\"" + all + " events dropped: this reader was too slow";
            if (others == 0) {
                return notice + "\"}\n\n";
            }
            return notice + "; the models event that follows is the state now, and GET /api/activity?since=<seq>"
                    + " lists the requests that ended meanwhile\"}\n\n" + picture();
        }

        @Override
        public String keepAlive() {
            return ": keep-alive\n\n";
        }
    }
}
