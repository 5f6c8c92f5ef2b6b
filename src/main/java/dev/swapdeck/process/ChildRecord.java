package dev.swapdeck.process;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.state.FileProblems;
import dev.swapdeck.state.StateFolder;
import java.io.IOException;
import java.io.StringWriter;
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
    private static final TypeReference<List<RecordedChild>> LIST = new TypeReference<>() { };

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
                        + "): if Swapdeck is killed, the next start cannot report what was left");
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

    static List<RecordedChild> parse(String json) throws IOException {
        return JSON.readValue(json, LIST);
    }
}
