package dev.swapdeck.loading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.logging.OneLine;
import dev.swapdeck.state.FileProblems;
import dev.swapdeck.state.FolderLock;
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
 * others' as they are on disk, under {@value #LOCK_FILE} so that two saving at once do not each drop
 * what the other just wrote. Thread-safe.
 */
public final class LoadTimes {
    public static final String FILE = "load-times.json";
    /** Held around a save's read, merge and rename ({@link FolderLock}). */
    static final String LOCK_FILE = "load-times.lock";
    /**
     * How long a save waits for another's (a few milliseconds): under the 2 s the tracker gives its last
     * save as Swapdeck shuts down.
     */
    static final Duration LOCK_PATIENCE = Duration.ofSeconds(1);
    static final int SAMPLES = 5;
    /**
     * The longest load time taken from the file: no start lasts a day, and a larger number (an edited
     * or damaged file) would overflow the progress and remaining-time arithmetic.
     */
    static final long MAX_MILLIS = Duration.ofDays(1).toMillis();
    /** What an unreadable file costs, said with why it is. */
    static final String AFRESH = "; load times are learned afresh, and the file is replaced at the first save";
    /** The most of an unreadable file's content a warning quotes. */
    private static final int QUOTED_CHARS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<StateFolder> folder;
    private final Consumer<String> problem;
    private final Map<String, Deque<Long>> millis = new TreeMap<>();
    /** The models learned by this instance: the only entries its saves replace. */
    private final Set<String> learnedHere = new HashSet<>();

    private LoadTimes(Optional<StateFolder> folder, Consumer<String> problem) {
        this.folder = folder;
        this.problem = problem;
    }

    /** Load times that live only as long as this object (tests, demos). */
    public static LoadTimes inMemory() {
        return new LoadTimes(Optional.empty(), problem -> { });
    }

    /**
     * The load times kept in {@code folder}; an unreadable file is reported through {@code problem}
     * and learning starts afresh (it only ever costs an indeterminate progress bar), as is a save made
     * without the lock.
     */
    public static LoadTimes in(StateFolder folder, Consumer<String> problem) {
        LoadTimes times = new LoadTimes(Optional.of(folder), problem);
        try {
            Optional<String> text = folder.read(FILE);
            if (text.isPresent()) {
                times.millis.putAll(parse(JSON.readTree(text.get()), problem));
            }
        } catch (IOException | RuntimeException e) {
            Path file = folder.dir().resolve(FILE);
            problem.accept("cannot read learned load times from " + file + ": "
                    + (e instanceof IOException io ? FileProblems.why(file, io) : e.getMessage()) + AFRESH);
        }
        return times;
    }

    /**
     * The samples in {@code root}; an entry or value of the wrong kind is left out and reported. A root
     * that is no object holds nothing of use: an IOException saying what it is.
     */
    private static Map<String, Deque<Long>> parse(JsonNode root, Consumer<String> problem) throws IOException {
        if (!root.isObject()) {
            throw new IOException(root.isMissingNode() ? "it is empty" : "it holds "
                    + OneLine.clip(root.toString(), QUOTED_CHARS) + ", not an object of models and their load times");
        }
        Map<String, Deque<Long>> parsed = new TreeMap<>();
        root.fields().forEachRemaining(entry -> {
            Deque<Long> samples = new ArrayDeque<>();
            boolean wrong = !entry.getValue().isArray();
            for (JsonNode value : entry.getValue()) {
                if (value.canConvertToLong() && value.longValue() > 0 && value.longValue() <= MAX_MILLIS) {
                    samples.addLast(value.longValue());
                } else {
                    wrong = true;
                }
            }
            if (wrong) {
                problem.accept("ignoring what is not a list of milliseconds, each under a day, in the learned load times of "
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
        long lower = sorted.get((n - 1) / 2);
        long median = lower + (sorted.get(n / 2) - lower) / 2;
        return Optional.of(Duration.ofMillis(median));
    }

    /** Learns one successful start of {@code model}. */
    public synchronized void learn(String model, Duration loadTime) {
        learnedHere.add(model);
        Deque<Long> samples = millis.computeIfAbsent(model, m -> new ArrayDeque<>());
        samples.addLast(Math.min(MAX_MILLIS, Math.max(1, loadTime.toMillis())));
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
     * another Swapdeck's models stay as that one saved them. Nothing when in memory. Blocking IO, and
     * up to {@link #LOCK_PATIENCE} more while another saves; when the lock cannot be had it saves all
     * the same, saying so through the {@code problem} it was made with.
     */
    public void save() throws IOException {
        if (folder.isEmpty()) {
            return;
        }
        Path lockFile = folder.get().dir().resolve(LOCK_FILE);
        Optional<FolderLock> lock = Optional.empty();
        String unlocked = "still locked after " + LOCK_PATIENCE.toMillis() + " ms (by another Swapdeck sharing the"
                + " state folder?)";
        try {
            lock = folder.get().lock(LOCK_FILE, LOCK_PATIENCE);
        } catch (IOException e) {
            unlocked = "it cannot be locked: " + FileProblems.why(lockFile, e);
        }
        try {
            merge(folder.get());
        } finally {
            lock.ifPresent(FolderLock::close);
        }
        // only once saved: where nothing can be written at all, the save's own failure says why
        if (lock.isEmpty()) {
            problem.accept("saved learned load times without holding " + lockFile + ", " + unlocked
                    + ": what another Swapdeck saved at the same moment may be lost");
        }
    }

    /** Reads, merges and replaces the file: the lock held, while anyone else saves it waits. */
    private void merge(StateFolder folder) throws IOException {
        Map<String, Deque<Long>> merged = new TreeMap<>();
        try {
            Optional<String> text = folder.read(FILE);
            if (text.isPresent()) {
                merged.putAll(parse(JSON.readTree(text.get()), ignored -> { }));
            }
        } catch (IOException e) {
            // unreadable (reported when it was loaded): what this instance learned replaces it
        }
        ObjectNode root = JSON.createObjectNode();
        synchronized (this) {
            learnedHere.forEach(model -> merged.put(model, new ArrayDeque<>(millis.get(model))));
        }
        merged.forEach((model, samples) -> samples.forEach(root.withArray(model)::add));
        folder.write(FILE, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
}
