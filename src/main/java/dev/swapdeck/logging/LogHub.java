package dev.swapdeck.logging;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.security.Secrets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Owns the bounded histories (proxy, upstream, and one per model) and publishes every line on the
 * event bus, so that live readers (the window, {@code /logs/stream}, {@code /api/events}) see the
 * same lines as the history. Appending never blocks: readers are behind bounded queues.
 */
public final class LogHub implements ProxyLog {
    /** About 100 KB of text per history, as SPEC §6 asks. */
    public static final int HISTORY_BYTES = 100 * 1024;

    private final EventBus bus;
    /**
     * Numbers a line and adds it to its histories in one step, so each history is in number order and
     * holds, at any instant, every line of its kind numbered up to its last: a reader that subscribes,
     * then takes a history, skips live lines numbered up to the history's last and misses none.
     * Publishing happens after, outside it: the bus's listeners take locks of their own.
     */
    private final Object numbering = new Object();
    private long seq;
    /** Lines numbered and not yet published, in number order (added under {@link #numbering}). */
    private final Queue<LogLine> unpublished = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean publishing = new AtomicBoolean();
    private final LogRing proxy = new LogRing(HISTORY_BYTES);
    private final LogRing upstream = new LogRing(HISTORY_BYTES);
    private final Map<String, LogRing> perModel = new ConcurrentHashMap<>();
    private volatile LogLevel threshold = LogLevel.INFO;
    private volatile Secrets secrets = Secrets.none();

    public LogHub(EventBus bus) {
        this.bus = bus;
    }

    public void setThreshold(LogLevel level) {
        this.threshold = level;
    }

    /** The secret values masked in every line from now on (the configuration in force's). */
    public void hideSecrets(Secrets values) {
        this.secrets = values;
    }

    /** {@code text} with the secrets of the configuration in force masked, for messages kept elsewhere. */
    public String redact(String text) {
        return secrets.redact(text);
    }

    public LogLevel threshold() {
        return threshold;
    }

    /**
     * Records one proxy event as one line: control characters in {@code message} are escaped (it may
     * carry client-supplied values) and known secrets masked. {@code model} stays as it is, so events
     * name the model by its id; the line's text rendering escapes it.
     */
    @Override
    public void log(LogLevel level, String model, String message) {
        if (level.compareTo(threshold) < 0) {
            return;
        }
        String text = secrets.redact(OneLine.escape(message));
        LogLine line;
        synchronized (numbering) {
            line = new LogLine(++seq, Instant.now(), LogStream.PROXY, model, level, text);
            proxy.add(line);
            unpublished.add(line);
        }
        publishInOrder();
    }

    /** Records one line an upstream process printed, as printed but for known secrets, which are masked. */
    public void upstream(String model, String text) {
        upstream(model, text, false);
    }

    /**
     * As {@link #upstream(String, String)}; a {@code frame} (a progress bar redrawing itself) takes
     * the place of the same model's frame just before it in the histories, so a long download keeps
     * its latest state there rather than pushing out what the server printed before. Live readers
     * get every frame passed on.
     */
    public void upstream(String model, String text, boolean frame) {
        String shown = secrets.redact(text);
        LogLevel level = LogLevel.guess(shown);
        LogRing own = perModel.computeIfAbsent(model, m -> new LogRing(HISTORY_BYTES));
        LogLine line;
        synchronized (numbering) {
            line = new LogLine(++seq, Instant.now(), LogStream.UPSTREAM, model, level, shown);
            upstream.add(line, frame);
            own.add(line, frame);
            unpublished.add(line);
        }
        publishInOrder();
    }

    /**
     * Publishes the numbered lines in number order, so a live reader never gets a line before one
     * numbered earlier. Whichever thread finds no one publishing takes the queue to its end; one that
     * finds another at it leaves its line to that thread and goes on. Listeners thus run under no lock
     * of this hub, and a listener that logs has its line published after the one it is handling.
     */
    private void publishInOrder() {
        while (!unpublished.isEmpty() && publishing.compareAndSet(false, true)) {
            try {
                for (LogLine line = unpublished.poll(); line != null; line = unpublished.poll()) {
                    bus.publish(line);
                }
            } finally {
                publishing.set(false);
            }
        }
    }

    public List<LogLine> proxyHistory() {
        return proxy.snapshot();
    }

    public List<LogLine> upstreamHistory() {
        return upstream.snapshot();
    }

    /** Both histories as one, in the order the lines were numbered, taken at one instant. */
    public List<LogLine> history() {
        List<LogLine> all;
        synchronized (numbering) {
            all = new ArrayList<>(proxy.snapshot());
            all.addAll(upstream.snapshot());
        }
        all.sort(Comparator.comparingLong(LogLine::seq));
        return all;
    }

    /** What one model's process printed (empty when it printed nothing yet). */
    public List<LogLine> modelHistory(String model) {
        LogRing ring = perModel.get(model);
        return ring == null ? List.of() : ring.snapshot();
    }

    /**
     * Forgets the own histories of models other than {@code models} (the configuration in force): a
     * model a reload removed cannot be asked for its history, and names a configuration generates would
     * otherwise each keep up to {@value #HISTORY_BYTES} bytes for the rest of the run. What such a model
     * prints while it stops starts a small history again, forgotten at the next reload; the combined
     * history keeps every line.
     */
    public void keepModelHistoriesOf(Set<String> models) {
        perModel.keySet().retainAll(models);
    }

    public EventBus bus() {
        return bus;
    }
}
