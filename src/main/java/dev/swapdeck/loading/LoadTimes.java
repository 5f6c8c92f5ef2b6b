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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Each model's load time, learned from its last {@link #SAMPLES} successful starts: the median, so
 * one cold start (an empty page cache) does not skew the next estimate for long. Kept in the state
 * folder as {@value #FILE} ({@code {"model": [millis, ...]}}) so the next run knows them too.
 * Swapdecks may share a state folder: a save rewrites only the models this one learned, keeping the
 * others' as they are on disk. Thread-safe.
 */
public final class LoadTimes {
    public static final String FILE = "load-times.json";
    static final int SAMPLES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<StateFolder> folder;
    private final Map<String, Deque<Long>> millis = new TreeMap<>();
    /** The models learned by this instance: the only entries its saves replace. */
    private final Set<String> learnedHere = new HashSet<>();

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
    public static LoadTimes in(StateFolder folder, Consumer<String> problem) {
        LoadTimes times = new LoadTimes(Optional.of(folder));
        try {
            Optional<String> text = folder.read(FILE);
            if (text.isPresent()) {
                times.millis.putAll(parse(JSON.readTree(text.get()), problem));
            }
        } catch (IOException | RuntimeException e) {
            Path file = folder.dir().resolve(FILE);
            problem.accept("cannot read learned load times from " + file + ": "
                    + (e instanceof IOException io ? FileProblems.why(file, io) : e.getMessage()));
        }
        return times;
    }

    /** The samples in {@code root}; an entry or value of the wrong kind is left out and reported. */
    private static Map<String, Deque<Long>> parse(JsonNode root, Consumer<String> problem) {
        Map<String, Deque<Long>> parsed = new TreeMap<>();
        root.fields().forEachRemaining(entry -> {
            Deque<Long> samples = new ArrayDeque<>();
            boolean wrong = !entry.getValue().isArray();
            for (JsonNode value : entry.getValue()) {
                if (value.canConvertToLong() && value.longValue() > 0) {
                    samples.addLast(value.longValue());
                } else {
                    wrong = true;
                }
            }
            if (wrong) {
                problem.accept("ignoring what is not a list of milliseconds in the learned load times of "
                        + entry.getKey() + ": " + entry.getValue());
            }
            while (samples.size() > SAMPLES) {
                samples.pollFirst();
            }
            if (!samples.isEmpty()) {
                parsed.put(entry.getKey(), samples);
            }
        });
        return parsed;
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
        learnedHere.add(model);
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

    /**
     * Writes what this instance learned to the state folder (atomically), over what is there now:
     * another Swapdeck's models stay as that one saved them. Nothing when in memory. Blocking IO.
     */
    public void save() throws IOException {
        if (folder.isEmpty()) {
            return;
        }
        Map<String, Deque<Long>> merged = new TreeMap<>();
        try {
            Optional<String> text = folder.get().read(FILE);
            if (text.isPresent()) {
                merged.putAll(parse(JSON.readTree(text.get()), problem -> { }));
            }
        } catch (IOException e) {
            // unreadable (reported when it was loaded): what this instance learned replaces it
        }
        ObjectNode root = JSON.createObjectNode();
        synchronized (this) {
            learnedHere.forEach(model -> merged.put(model, new ArrayDeque<>(millis.get(model))));
        }
        merged.forEach((model, samples) -> samples.forEach(root.withArray(model)::add));
        folder.get().write(FILE, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
}
