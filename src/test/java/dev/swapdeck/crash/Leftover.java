package dev.swapdeck.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapdeck.process.RecordedChild;
import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A process planted as if an earlier Swapdeck had started it and then died: started through
 * {@code setsid} as Swapdeck starts its models, and written to a record of a Swapdeck that no longer
 * runs, in the format Swapdeck writes.
 */
final class Leftover implements AutoCloseable {
    final Process process;
    final RecordedChild recorded;

    private Leftover(Process process, RecordedChild recorded) {
        this.process = process;
        this.recorded = recorded;
    }

    /** Starts {@code argv} in a process group of its own; {@code startTicksOffset} 0 records it truly. */
    static Leftover start(String model, int port, List<String> argv, long startTicksOffset) throws IOException {
        return start(model, port, argv, startTicksOffset, null);
    }

    /** As {@link #start}, marked as a spawn of {@code run} ({@link #deadRun}) is, or unmarked when null. */
    static Leftover start(String model, int port, List<String> argv, long startTicksOffset, String run) throws IOException {
        return start(model, port, argv, startTicksOffset, run, List.of());
    }

    /** As {@link #start}, run as the user {@code uid} (as root only: setpriv gives the command that user). */
    static Leftover startAs(int uid, String model, List<String> argv) throws IOException {
        return start(model, 0, argv, 0, null, List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups"));
    }

    private static Leftover start(String model, int port, List<String> argv, long startTicksOffset, String run,
            List<String> launcher) throws IOException {
        List<String> launched = new java.util.ArrayList<>(launcher);
        launched.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(prefixed(launched)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (run != null) {
            builder.environment().put("SWAPDECK_CHILD", run + ":1:" + model);
        }
        Process process = builder.start();
        // Swapdeck recognises a leftover by its command line: until setsid has run the command, the
        // process is not yet the one the record names (on a busy machine that takes a while)
        String command = String.join(" ", argv);
        Await.until("the leftover runs " + command, Duration.ofSeconds(10),
                () -> command.equals(commandLine(process.pid())) || !process.isAlive());
        long ticks = startTicks(process.pid());
        return new Leftover(process, new RecordedChild(model, process.pid(), ticks + startTicksOffset, process.pid(),
                port, String.join(" ", argv)));
    }

    /**
     * A wrapper script, marked as a spawn of {@code run}, that ran {@code command} in the background and
     * exited: returns once it is gone and its group, still holding the command, outlives it.
     */
    static Leftover deadWrapper(String model, String command, String run) throws Exception {
        // the wrapper lives 2 s: its start time is read from /proc after the spawn, on a slow machine too
        Leftover wrapper = start(model, 0, List.of("sh", "-c", command + " & sleep 2; exit 0"), 0, run);
        wrapper.process.waitFor();
        long group = wrapper.process.pid();
        Await.until("the wrapper's child on its own", Duration.ofSeconds(20), () -> !ProcTable.groupMembers(group).isEmpty());
        return wrapper;
    }

    private static List<String> prefixed(List<String> argv) {
        List<String> all = new java.util.ArrayList<>(List.of("setsid"));
        all.addAll(argv);
        return all;
    }

    /** Writes {@code children} as the record of a Swapdeck that has exited. */
    static String record(StateFolder state, List<RecordedChild> children) throws Exception {
        return record(state, deadRun(), children);
    }

    /** Writes {@code children} as the record of {@code run}, a Swapdeck that has exited. */
    static String record(StateFolder state, String run, List<RecordedChild> children) throws Exception {
        String name = "children-" + run + ".json";
        state.write(name, new ObjectMapper().writeValueAsString(children));
        return name;
    }

    /** A run of a Swapdeck that has exited, as its record's name and its children's marks give it. */
    static String deadRun() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid() + "-" + startTicks(ProcessHandle.current().pid());
    }

    /**
     * Waits until this leftover's shell has started {@code program}: what its script does before it (a
     * {@code trap}) is then in force. A signal sent before that reaches a shell that has not run its trap yet.
     */
    void awaitChild(String program) {
        Await.until("the leftover to start " + program, Duration.ofSeconds(10), () -> process.descendants()
                .anyMatch(child -> child.info().command().map(command -> command.endsWith("/" + program)).orElse(false)));
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    static long startTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
    }

    @Override
    public void close() {
        process.toHandle().destroyForcibly();
    }
}
