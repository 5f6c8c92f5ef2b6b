package dev.swapdeck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What another JVM costs, read the plain way: thread count and resident memory from
 * {@code /proc/<pid>/status}, CPU time from {@code /proc/<pid>/stat}, and live heap from
 * {@code jcmd <pid> GC.heap_info} right after a {@code jcmd <pid> GC.run}.
 */
final class ProcStats {
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    static int threads(long pid) {
        return (int) statusField(pid, "Threads:");
    }

    static long rssMb(long pid) {
        return statusField(pid, "VmRSS:") / 1024;
    }

    /** User plus system CPU time consumed so far, in milliseconds. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Heap in use after a full collection, in MB (live data), or -1 when jcmd is unavailable. */
    static long liveHeapMb(BenchEnv env, long pid) {
        String jcmd = Path.of(env.java).resolveSibling("jcmd").toString();
        run(List.of(jcmd, Long.toString(pid), "GC.run"));
        Matcher m = HEAP_USED.matcher(run(List.of(jcmd, Long.toString(pid), "GC.heap_info")));
        return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static String run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
