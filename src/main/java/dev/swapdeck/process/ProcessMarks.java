package dev.swapdeck.process;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Marks each model server Swapdeck starts so that every process descending from it can be found,
 * however it detached. A spawn's environment gets {@code SWAPDECK_CHILD=<run>:<n>:<model>} (the run is
 * this Swapdeck's pid and start time, as its child record is named), which descendants inherit even after
 * {@code setsid} or a double fork has re-parented them to init, out of reach of the process tree and
 * of the group. A stop signals them with the rest, the watchdog kills this run's after a crash, and
 * the next Swapdeck's reclaim finds a dead run's. A process that clears its environment escapes; one
 * of another user cannot be read and is never touched.
 */
final class ProcessMarks {
    static final String VARIABLE = "SWAPDECK_CHILD";
    private static final AtomicLong SPAWNS = new AtomicLong();

    private ProcessMarks() {
    }

    /** This Swapdeck's run, as its child record names it: {@code <pid>-<start ticks>}. */
    static String run() {
        long pid = ProcessHandle.current().pid();
        return ChildRecord.ownerId(pid, ProcFs.stat(pid).map(ProcFs.Stat::startTicks).orElse(0L));
    }

    /** A new spawn of {@code model}'s mark, unique in this run (a model's next process has another). */
    static String next(String model) {
        return run() + ":" + SPAWNS.incrementAndGet() + ":" + model;
    }

    /** The model a mark names. */
    static String model(String mark) {
        int first = mark.indexOf(':');
        int second = first < 0 ? -1 : mark.indexOf(':', first + 1);
        return second < 0 ? "?" : mark.substring(second + 1);
    }

    /** Living processes marked {@code mark} (one spawn's). */
    static List<Long> carrying(String mark) {
        return List.copyOf(find(entry(mark)).keySet());
    }

    /** Whether {@code pid} carries {@code mark}: one read of its environment, false if unreadable. */
    static boolean carries(long pid, String mark) {
        byte[][] buffer = {new byte[16 * 1024]};
        int length = readEnviron(Long.toString(pid), buffer);
        return length >= 0 && entryAt(buffer[0], length, entry(mark)) >= 0;
    }

    private static byte[] entry(String mark) {
        return VARIABLE.concat("=").concat(mark).concat("\0").getBytes(StandardCharsets.UTF_8);
    }

    /** Living processes marked by any spawn of {@code run}, with their marks. */
    static Map<Long, String> ofRun(String run) {
        return find((VARIABLE + "=" + run + ":").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A scan of every process's environment: a few milliseconds for a few hundred processes. It runs
     * in each stop, on a swap's critical path, in code too rarely run to be compiled: hence a loop (a
     * lambda's first call would add a bootstrap), one reused buffer and a plain {@link FileInputStream}.
     */
    private static Map<Long, String> find(byte[] entry) {
        Map<Long, String> found = new TreeMap<>();
        String[] names = new File("/proc").list();
        if (names == null) {
            return found;
        }
        String self = Long.toString(ProcessHandle.current().pid());
        byte[][] buffer = {new byte[16 * 1024]};
        for (String name : names) {
            if (name.isEmpty() || !Character.isDigit(name.charAt(0)) || name.equals(self)) {
                continue;
            }
            int length = readEnviron(name, buffer);
            int at = length < 0 ? -1 : entryAt(buffer[0], length, entry);
            if (at >= 0) {
                found.put(Long.parseLong(name), value(buffer[0], length, at));
            }
        }
        return found;
    }

    /** Reads {@code /proc/<pid>/environ} into {@code buffer[0]}, growing it; its length, or -1 if unreadable. */
    private static int readEnviron(String pid, byte[][] buffer) {
        // String.concat, not +: the first + of a call site bootstraps (milliseconds, on the first stop)
        try (FileInputStream in = new FileInputStream("/proc/".concat(pid).concat("/environ"))) {
            int length = 0;
            for (int read; (read = in.read(buffer[0], length, buffer[0].length - length)) > 0; ) {
                length += read;
                if (length == buffer[0].length) {
                    buffer[0] = Arrays.copyOf(buffer[0], buffer[0].length * 2);
                }
            }
            return length;
        } catch (IOException | RuntimeException e) {
            return -1; // gone meanwhile, another user's, or a kernel thread: not ours
        }
    }

    /**
     * Where the NUL-separated entry of the first {@code length} bytes of {@code environ} that starts with
     * {@code entry} starts; -1 if none.
     */
    static int entryAt(byte[] environ, int length, byte[] entry) {
        // an entry that ends in NUL must match to the end of an environment entry
        int wanted = entry[entry.length - 1] == 0 ? entry.length - 1 : entry.length;
        boolean exact = wanted < entry.length;
        for (int start = 0; start + wanted <= length; ) {
            boolean match = true;
            for (int i = 0; i < wanted && match; i++) {
                match = environ[start + i] == entry[i];
            }
            if (match && (!exact || start + wanted == length || environ[start + wanted] == 0)) {
                return start;
            }
            start = end(environ, length, start) + 1;
        }
        return -1;
    }

    /** The value of the {@code NAME=value} entry at {@code start}. */
    private static String value(byte[] environ, int length, int start) {
        int from = start + VARIABLE.length() + 1;
        return new String(environ, from, end(environ, length, start) - from, StandardCharsets.UTF_8);
    }

    private static int end(byte[] environ, int length, int start) {
        int end = start;
        while (end < length && environ[end] != 0) {
            end++;
        }
        return end;
    }
}
