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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

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

    /** Which lines one stream carries: its history and the live lines it accepts. */
    private record Selection(List<LogLine> history, Predicate<LogLine> live) {
    }

    void history(HttpServerExchange exchange) {
        LogHub logs = engine.logs();
        Json.sendText(exchange, render(merged(logs.proxyHistory(), logs.upstreamHistory())));
    }

    /** {@code /logs/stream}: both logs, interleaved as they happened. */
    void streamAll(HttpServerExchange exchange) {
        LogHub logs = engine.logs();
        stream(exchange, new Selection(merged(logs.proxyHistory(), logs.upstreamHistory()), line -> true));
    }

    /**
     * {@code /logs/stream/<which>}: {@code proxy}, {@code upstream}, or a model id or alias, decoded as
     * {@code /upstream/<model>} decodes it.
     */
    void streamOne(HttpServerExchange exchange) {
        String which = ModelInPath.decode(ModelInPath.rawPath(exchange).substring(STREAM_PREFIX.length()));
        LogHub logs = engine.logs();
        if (which.equals("proxy")) {
            stream(exchange, new Selection(logs.proxyHistory(), line -> line.stream() == LogStream.PROXY));
            return;
        }
        if (which.equals("upstream")) {
            stream(exchange, new Selection(logs.upstreamHistory(), line -> line.stream() == LogStream.UPSTREAM));
            return;
        }
        Optional<ModelConfig> model = engine.config().model(which);
        if (model.isEmpty()) {
            ApiError.unknownModel("no model named " + OneLine.quotedName(which) + "; log streams exist for proxy, upstream "
                    + "and each model id").send(exchange, logs, null);
            return;
        }
        String id = model.get().id();
        stream(exchange, new Selection(logs.modelHistory(id),
                line -> line.stream() == LogStream.UPSTREAM && id.equals(line.model())));
    }

    private void stream(HttpServerExchange exchange, Selection selection) {
        boolean withHistory = !exchange.getQueryParameters().containsKey("no-history");
        // Subscribe before reading the history so no line falls between them; lines in both are
        // recognised by their sequence number and sent once.
        EventQueue queue = engine.events().subscribeQueue(options.streamQueueCapacity(),
                event -> event instanceof LogLine line && selection.live().test(line));
        List<LogLine> history = withHistory ? selection.history() : List.of();
        long after = history.isEmpty() ? lastSeq(selection.history()) : history.get(history.size() - 1).seq();
        LiveFeed.start(exchange, Json.TEXT, render(history), queue, new TextFormat(after), feeds, options);
    }

    private static long lastSeq(List<LogLine> lines) {
        return lines.isEmpty() ? 0 : lines.get(lines.size() - 1).seq();
    }

    private static List<LogLine> merged(List<LogLine> a, List<LogLine> b) {
        List<LogLine> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        all.sort(Comparator.comparingLong(LogLine::seq));
        return all;
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
        public String dropped(long count) {
            return "[swapdeck] " + count + " lines dropped: this reader was too slow\n";
        }

        @Override
        public String keepAlive() {
            return null;
        }
    }
}
