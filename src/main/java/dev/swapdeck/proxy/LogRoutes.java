package dev.swapdeck.proxy;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.event.Event;
import dev.swapdeck.event.EventQueue;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.logging.LogStream;
import dev.swapdeck.logging.OneLine;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code GET /logs} (the recent history as text) and the live log streams: {@code /logs/stream}
 * (everything), {@code /logs/stream/proxy}, {@code /logs/stream/upstream} and
 * {@code /logs/stream/<model>} (what that model's process printed). A stream sends the history, then
 * live lines until the client leaves; {@code ?no-history} skips the history.
 */
final class LogRoutes {
    static final String STREAM_PREFIX = "/logs/stream/";

    private final Engine engine;
    private final FeedRegistry feeds;
    private final ProxyOptions options;

    LogRoutes(Engine engine, FeedRegistry feeds, ProxyOptions options) {
        this.engine = engine;
        this.feeds = feeds;
        this.options = options;
    }

    /** Which lines one stream carries: its history (read once subscribed) and the live lines it accepts. */
    private record Selection(Supplier<List<LogLine>> history, Predicate<LogLine> live) {
    }

    void history(HttpServerExchange exchange) {
        Json.sendText(exchange, render(engine.logs().history()));
    }

    /** {@code /logs/stream}: both logs, interleaved as they happened. */
    void streamAll(HttpServerExchange exchange) {
        stream(exchange, new Selection(engine.logs()::history, line -> true));
    }

    /**
     * {@code /logs/stream/<which>}: {@code proxy}, {@code upstream}, or a model id or alias, decoded as
     * {@code /upstream/<model>} decodes it.
     */
    void streamOne(HttpServerExchange exchange) {
        String which = ModelInPath.decode(ModelInPath.rawPath(exchange).substring(STREAM_PREFIX.length()));
        LogHub logs = engine.logs();
        if (which.equals("proxy")) {
            stream(exchange, new Selection(logs::proxyHistory, line -> line.stream() == LogStream.PROXY));
            return;
        }
        if (which.equals("upstream")) {
            stream(exchange, new Selection(logs::upstreamHistory, line -> line.stream() == LogStream.UPSTREAM));
            return;
        }
        Optional<ModelConfig> model = engine.config().model(which);
        if (model.isEmpty()) {
            ApiError.unknownLog("no log named " + OneLine.quotedName(which) + ": use proxy, upstream or a model's id "
                    + "(GET /v1/models lists them)").send(exchange, logs, null);
            return;
        }
        String id = model.get().id();
        stream(exchange, new Selection(() -> logs.modelHistory(id),
                line -> line.stream() == LogStream.UPSTREAM && id.equals(line.model())));
    }

    private void stream(HttpServerExchange exchange, Selection selection) {
        if (!feeds.admit(exchange, engine.logs())) {
            return;
        }
        boolean withHistory = !exchange.getQueryParameters().containsKey("no-history");
        // Subscribed before the history is read, so no line falls between them; lines in both are
        // recognised by their number (a history holds every line numbered up to its last) and sent once.
        EventQueue queue = LiveFeed.subscribe(engine.events(), options,
                event -> event instanceof LogLine line && selection.live().test(line));
        List<LogLine> lines = selection.history().get();
        List<LogLine> history = withHistory ? lines : List.of();
        long after = lines.isEmpty() ? 0 : lines.get(lines.size() - 1).seq();
        LiveFeed.start(exchange, Json.TEXT, render(history), queue, new TextFormat(after), feeds, options);
    }

    private static String render(List<LogLine> lines) {
        StringBuilder text = new StringBuilder();
        for (LogLine line : lines) {
            text.append(line.render()).append('\n');
        }
        return text.toString();
    }

    /** Plain text lines; lines already sent as history are skipped. */
    private static final class TextFormat implements LiveFeed.Format {
        private final long after;

        TextFormat(long after) {
            this.after = after;
        }

        @Override
        public String render(Event event) {
            LogLine line = (LogLine) event;
            return line.seq() <= after ? null : line.render() + "\n";
        }

        @Override
        public String dropped(long lines, long others) {
            return "[swapdeck] " + lines + " lines dropped: this reader was too slow\n";
        }

        @Override
        public String keepAlive() {
            return null;
        }
    }
}
