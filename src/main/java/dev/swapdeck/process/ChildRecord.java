package dev.swapdeck.process;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.OneLine;
import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.state.FileProblems;
import dev.swapdeck.state.StateFolder;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This Swapdeck's record of its living children, in its state folder (SPEC §9), rewritten atomically
 * on every spawn and every end, so that after a crash the next Swapdeck finds exactly what was left.
 * Each Swapdeck writes a file of its own, {@code children-<pid>-<start>.json}, named after itself: two
 * instances sharing a state folder never overwrite or reclaim each other's children while both live.
 * Thread-safe.
 */
public final class ChildRecord {
    static final String PREFIX = "children-";
    private static final Pattern RECORD_NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+-\\d+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most of a damaged record's value a warning quotes. */
    private static final int QUOTED_CHARS = 60;

    private final StateFolder folder;
    private final String fileName;
    private final ProxyLog log;
    private final Map<Long, RecordedChild> living = new LinkedHashMap<>();
    private boolean warned;

    private ChildRecord(StateFolder folder, String fileName, ProxyLog log) {
        this.folder = folder;
        this.fileName = fileName;
        this.log = log;
    }

    /** The record of this JVM in {@code folder}. */
    public static ChildRecord of(StateFolder folder, ProxyLog log) {
        return new ChildRecord(folder, ownFileName(), log);
    }

    static String ownFileName() {
        long pid = ProcessHandle.current().pid();
        return fileName(pid, ProcFs.stat(pid).map(ProcFs.Stat::startTicks).orElse(0L));
    }

    static String fileName(long ownerPid, long ownerStartTicks) {
        return PREFIX + ownerId(ownerPid, ownerStartTicks) + ".json";
    }

    /** A Swapdeck's run as its record's file names it (and its children's marks, {@link ProcessMarks}). */
    static String ownerId(long ownerPid, long ownerStartTicks) {
        return ownerPid + "-" + ownerStartTicks;
    }

    /** The run {@code fileName} records, if it is named as {@link #fileName} names records. */
    static Optional<String> ownerId(String fileName) {
        Matcher name = RECORD_NAME.matcher(fileName);
        return name.matches() ? Optional.of(name.group(1)) : Optional.empty();
    }

    synchronized void add(RecordedChild child) {
        living.put(child.pid(), child);
        save();
    }

    synchronized void remove(long pid) {
        if (living.remove(pid) != null) {
            save();
        }
    }

    private void save() {
        try {
            if (living.isEmpty()) {
                folder.delete(fileName);
            } else {
                folder.write(fileName, json(living.values()));
            }
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                log.log(LogLevel.WARN, null, "could not record model processes in " + folder.dir() + " ("
                        + FileProblems.why(folder.dir(), e)
                        + "): if Swapdeck is killed, the next start can neither stop nor report the model servers"
                        + " it leaves running");
            }
        }
    }

    /**
     * The children as a JSON array of {@link RecordedChild} objects, written field by field: building
     * Jackson's serializer for the record type took 70 ms on the first spawn after a launch, between
     * the spawn and the first health probe.
     */
    static String json(Collection<RecordedChild> children) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.getFactory().createGenerator(text).useDefaultPrettyPrinter()) {
            out.writeStartArray();
            for (RecordedChild child : children) {
                out.writeStartObject();
                out.writeStringField("model", child.model());
                out.writeNumberField("pid", child.pid());
                out.writeNumberField("startTicks", child.startTicks());
                out.writeNumberField("pgid", child.pgid());
                out.writeNumberField("port", child.port());
                out.writeStringField("command", child.command());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        return text.toString();
    }

    /**
     * The children that {@code json}, as {@link #json} writes it, names. Any other shape (empty, null, not
     * an array, an entry that is not an object, a field missing or of another kind, a pid that no process
     * can have) is an {@link IOException} that says what is wrong: the file was cut short, edited or
     * written by something else, and no process is signalled on its word. Fields it does not know are
     * ignored.
     */
    static List<RecordedChild> parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (!root.isArray()) {
            throw new IOException(root.isMissingNode() ? "it is empty"
                    : "it holds " + quoted(root) + ", not a list of model processes");
        }
        List<RecordedChild> children = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            children.add(child(root.get(i), "entry " + (i + 1)));
        }
        return children;
    }

    private static RecordedChild child(JsonNode entry, String which) throws IOException {
        if (!entry.isObject()) {
            throw new IOException(which + " is " + quoted(entry) + ", not a model process");
        }
        return new RecordedChild(text(entry, "model", which),
                number(entry, "pid", 1, Long.MAX_VALUE, "a process id", which),
                number(entry, "startTicks", 0, Long.MAX_VALUE, "a count of clock ticks", which),
                number(entry, "pgid", 0, Long.MAX_VALUE, "a process group id or 0", which),
                (int) number(entry, "port", 0, 65535, "a port or 0", which),
                text(entry, "command", which));
    }

    private static String text(JsonNode entry, String field, String which) throws IOException {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual()) {
            throw wrong(value, field, "a string", which);
        }
        return value.textValue();
    }

    private static long number(JsonNode entry, String field, long min, long max, String kind, String which)
            throws IOException {
        JsonNode value = entry.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()
                || value.longValue() < min || value.longValue() > max) {
            throw wrong(value, field, kind, which);
        }
        return value.longValue();
    }

    private static IOException wrong(JsonNode value, String field, String kind, String which) {
        return new IOException(value == null ? which + " has no " + field
                : which + "'s " + field + " is " + quoted(value) + ", not " + kind);
    }

    /** A value as the record spells it, cut short: a damaged file may hold anything, of any length. */
    private static String quoted(JsonNode value) {
        return OneLine.clip(value.toString(), QUOTED_CHARS);
    }
}
