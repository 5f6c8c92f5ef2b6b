package dev.swapdeck.loading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.state.FileProblems;
import dev.swapdeck.state.StateFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each model's load time, learned from its last {@link #SAMPLES} successful starts: the median, so
 * one cold start (an empty page cache) does not skew the next estimate for long. Kept in the state
 * folder as {@value #FILE} ({@code {"model": [millis, ...]}}) so the next run knows them too.
 * Thread-safe.
 */
public final class LoadTimes {
    public static final String FILE = "load-times.json";
    static final int SAMPLES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<StateFolder> folder;
    private final Map<String, Deque<Long>> millis = new TreeMap<>();

    private LoadTimes(Optional<StateFolder> folder) {
        this.folder = folder;
    }

    /** Load times that live only as long as this object (tests, demos). */
    public static LoadTimes inMemory() {
        return new LoadTimes(Optional.empty());
    }

    /**
     * The load times kept in {@code folder}; an unreadable file is reported through {@code problem}
     * and learning starts afresh (it only ever costs an indeterminate progress bar).
     */
    public static LoadTimes in(StateFolder folder, java.util.function.Consumer<String> problem) {
        LoadTimes times = new LoadTimes(Optional.of(folder));
        try {
            Optional<String> text = folder.read(FILE);
            if (text.isPresent()) {
                times.parse(JSON.readTree(text.get()));
            }
        } catch (IOException | RuntimeException e) {
            Path file = folder.dir().resolve(FILE);
            problem.accept("cannot read learned load times from " + file + ": "
                    + (e instanceof IOException io ? FileProblems.why(file, io) : e.getMessage()));
        }
        return times;
    }

    private void parse(JsonNode root) {
        root.fields().forEachRemaining(entry -> {
            Deque<Long> samples = new ArrayDeque<>();
            for (JsonNode value : entry.getValue()) {
                if (value.canConvertToLong() && value.longValue() > 0) {
                    samples.addLast(value.longValue());
                }
            }
            while (samples.size() > SAMPLES) {
                samples.pollFirst();
            }
            if (!samples.isEmpty()) {
                millis.put(entry.getKey(), samples);
            }
        });
    }

    /** The expected load time of {@code model}; empty when it never started successfully. */
    public synchronized Optional<Duration> expected(String model) {
        Deque<Long> samples = millis.get(model);
        if (samples == null || samples.isEmpty()) {
            return Optional.empty();
        }
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        long median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return Optional.of(Duration.ofMillis(median));
    }

    /** Learns one successful start of {@code model}. */
    public synchronized void learn(String model, Duration loadTime) {
        Deque<Long> samples = millis.computeIfAbsent(model, m -> new ArrayDeque<>());
        samples.addLast(Math.max(1, loadTime.toMillis()));
        while (samples.size() > SAMPLES) {
            samples.pollFirst();
        }
    }

    /** Where {@link #save} writes; empty when in memory. */
    public Optional<Path> file() {
        return folder.map(f -> f.dir().resolve(FILE));
    }

    /** Writes what was learned to the state folder (atomically); nothing when in memory. Blocking IO. */
    public void save() throws IOException {
        if (folder.isEmpty()) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        synchronized (this) {
            millis.forEach((model, samples) -> samples.forEach(root.withArray(model)::add));
        }
        folder.get().write(FILE, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
}
