package dev.swapdeck.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapdeck.process.RecordedChild;
import dev.swapdeck.state.StateFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Process process = new ProcessBuilder(prefixed(argv)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long ticks = startTicks(process.pid());
        return new Leftover(process, new RecordedChild(model, process.pid(), ticks + startTicksOffset, process.pid(),
                port, String.join(" ", argv)));
    }

    private static List<String> prefixed(List<String> argv) {
        List<String> all = new java.util.ArrayList<>(List.of("setsid"));
        all.addAll(argv);
        return all;
    }

    /** Writes {@code children} as the record of a Swapdeck that has exited. */
    static String record(StateFolder state, List<RecordedChild> children) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String name = "children-" + gone.pid() + "-" + startTicks(ProcessHandle.current().pid()) + ".json";
        state.write(name, new ObjectMapper().writeValueAsString(children));
        return name;
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
