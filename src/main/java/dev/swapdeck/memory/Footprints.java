package dev.swapdeck.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.state.FileProblems;
import dev.swapdeck.state.StateFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The footprint each model was last measured at (its peak after ready in its latest run), kept in
 * the state folder as {@code footprints.json} so the next run predicts with it. GPU and RAM figures
 * are kept apart (a run that fell back to RAM must not teach a GPU run that a model takes its RAM
 * size); predictions read the kind in force ({@link #accountIn}). Reads are lock-free (the router
 * plans with them); writes come from the probe's thread and replace the file atomically. Swapdecks
 * may share a state folder: a save rewrites only the footprints this one measured, keeping the
 * others' as they are on disk.
 */
public final class Footprints {
    static final String FILE = "footprints.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StateFolder folder;
    private final ProxyLog log;
    /** Keyed by {@link #key}: the source's label and the model id. */
    private final Map<String, Long> learned = new ConcurrentHashMap<>();
    /** The keys measured by this instance: the only entries its saves replace. */
    private final Set<String> measuredHere = ConcurrentHashMap.newKeySet();
    private volatile Reading.Source accounting = Reading.Source.GPU;

    public Footprints(StateFolder folder, ProxyLog log) {
        this.folder = folder;
        this.log = log;
        load();
    }

    /** The footprint last learned for {@code model} in the kind of memory accounted in now. */
    public Optional<Long> learned(String model) {
        return Optional.ofNullable(learned.get(key(accounting, model)));
    }

    /**
     * Whether a footprint was ever learned in {@code source}'s memory (in this run or saved by an earlier
     * one): readings of that kind have credited memory to a model's processes on this machine.
     */
    boolean anyLearnedIn(Reading.Source source) {
        String prefix = key(source, "");
        return learned.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }

    /** Which kind of memory predictions read from now on (the kind of the latest sample). */
    void accountIn(Reading.Source source) {
        accounting = source;
    }

    private static String key(Reading.Source source, String model) {
        return source.label() + "/" + model;
    }

    /** Records a measurement and saves the file; a failure to save is logged, the value still used. */
    void learn(Reading.Source source, String model, long bytes) {
        String key = key(source, model);
        Long before = learned.put(key, bytes);
        measuredHere.add(key);
        if (before != null && before == bytes) {
            return;
        }
        try {
            Map<String, Long> onDisk = new TreeMap<>();
            try {
                Optional<String> text = folder.read(FILE);
                if (text.isPresent()) {
                    onDisk.putAll(parse(text.get()));
                }
            } catch (IOException | RuntimeException e) {
                // unreadable (reported when it was loaded): what this instance measured replaces it
            }
            measuredHere.forEach(k -> onDisk.put(k, learned.get(k)));
            folder.write(FILE, render(onDisk));
        } catch (IOException e) {
            log.warn("memory: could not save learned footprints in " + folder.dir() + ": "
                    + FileProblems.why(folder.dir(), e));
        }
    }

    private static String render(Map<String, Long> footprints) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode models = root.putObject("models");
        new TreeMap<>(footprints).forEach((key, bytes) -> {
            int slash = key.indexOf('/');
            ObjectNode model = models.has(key.substring(slash + 1)) ? (ObjectNode) models.get(key.substring(slash + 1))
                    : models.putObject(key.substring(slash + 1));
            model.putObject(key.substring(0, slash)).put("bytes", bytes).put("text", ByteSize.format(bytes));
        });
        root.put("savedAt", Instant.now().toString());
        return root.toPrettyString() + "\n";
    }

    private void load() {
        try {
            Optional<String> text = folder.read(FILE);
            if (text.isPresent()) {
                learned.putAll(parse(text.get()));
            }
        } catch (IOException | RuntimeException e) {
            Path file = folder.dir().resolve(FILE);
            log.warn("memory: ignoring unreadable " + file + " ("
                    + (e instanceof IOException io ? FileProblems.why(file, io) : e.getMessage())
                    + "); footprints will be measured again");
        }
    }

    /** The footprints a {@link #FILE} text holds, by {@link #key}. */
    private static Map<String, Long> parse(String text) throws IOException {
        Map<String, Long> parsed = new TreeMap<>();
        JsonNode models = JSON.readTree(text).path("models");
        for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            for (Reading.Source source : Reading.Source.values()) {
                long bytes = entry.getValue().path(source.label()).path("bytes").asLong(0);
                if (bytes > 0) {
                    parsed.put(key(source, entry.getKey()), bytes);
                }
            }
        }
        return parsed;
    }
}
