package dev.swapdeck.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.state.StateFolder;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The footprint each model was last measured at (its peak after ready in its latest run), kept in
 * the state folder as {@code footprints.json} so the next run predicts with it. Reads are lock-free
 * (the router plans with them); writes come from the probe's thread and replace the file atomically.
 */
public final class Footprints {
    static final String FILE = "footprints.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StateFolder folder;
    private final ProxyLog log;
    private final Map<String, Long> learned = new ConcurrentHashMap<>();

    public Footprints(StateFolder folder, ProxyLog log) {
        this.folder = folder;
        this.log = log;
        load();
    }

    public Optional<Long> learned(String model) {
        return Optional.ofNullable(learned.get(model));
    }

    /** Records a measurement and saves the file; a failure to save is logged, the value still used. */
    void learn(String model, long bytes) {
        Long before = learned.put(model, bytes);
        if (before != null && before == bytes) {
            return;
        }
        try {
            folder.write(FILE, render());
        } catch (IOException e) {
            log.warn("memory: could not save learned footprints in " + folder.dir() + ": " + e.getMessage());
        }
    }

    private String render() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode models = root.putObject("models");
        new TreeMap<>(learned).forEach((model, bytes) -> models.putObject(model)
                .put("bytes", bytes).put("text", ByteSize.format(bytes)));
        root.put("savedAt", Instant.now().toString());
        return root.toPrettyString() + "\n";
    }

    private void load() {
        try {
            Optional<String> text = folder.read(FILE);
            if (text.isEmpty()) {
                return;
            }
            JsonNode models = JSON.readTree(text.get()).path("models");
            for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                long bytes = entry.getValue().path("bytes").asLong(0);
                if (bytes > 0) {
                    learned.put(entry.getKey(), bytes);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("memory: ignoring unreadable " + folder.dir().resolve(FILE) + " (" + e.getMessage()
                    + "); footprints will be measured again");
        }
    }
}
