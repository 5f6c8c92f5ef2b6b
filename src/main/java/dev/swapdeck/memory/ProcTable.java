package dev.swapdeck.memory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The machine's process tree at one moment, read once from {@code /proc} (one pass over every
 * {@code /proc/<pid>/stat}, cheaper than asking for each model's descendants separately). A process
 * that exits mid-read is simply left out.
 */
final class ProcTable {
    private final Path proc;
    private final Map<Long, List<Long>> children = new HashMap<>();
    private final Set<Long> alive = new HashSet<>();

    private ProcTable(Path proc) {
        this.proc = proc;
    }

    static ProcTable read(Path proc) {
        ProcTable table = new ProcTable(proc);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                table.add(entry);
            }
        } catch (IOException e) {
            return table;
        }
        return table;
    }

    private void add(Path entry) {
        try {
            String stat = Files.readString(entry.resolve("stat"));
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so cut at the last ')'
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
            long pid = Long.parseLong(entry.getFileName().toString());
            alive.add(pid);
            children.computeIfAbsent(Long.parseLong(rest[1]), k -> new ArrayList<>()).add(pid);
        } catch (IOException | RuntimeException e) {
            // gone, or not a process: nothing to count
        }
    }

    /** Whether the process existed when the table was read. */
    boolean alive(long pid) {
        return alive.contains(pid);
    }

    /** {@code root} and every process below it. */
    Set<Long> tree(long root) {
        Set<Long> tree = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            if (tree.add(pid)) {
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return tree;
    }

    /** Resident memory of one process ({@code VmRSS}), 0 when it is gone or a kernel thread. */
    long resident(long pid) {
        try {
            for (String line : Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    return kib(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The machine's RAM: {@code MemTotal} and what is not {@code MemAvailable}. */
    static Device ram(Path proc) throws IOException {
        long total = -1;
        long available = -1;
        for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                total = kib(line);
            } else if (line.startsWith("MemAvailable:")) {
                available = kib(line);
            }
        }
        if (total < 0 || available < 0) {
            throw new IOException(proc.resolve("meminfo") + " lacks MemTotal or MemAvailable");
        }
        return new Device("RAM", total, total - available);
    }

    private static long kib(String line) {
        String[] f = line.split("\\s+");
        return Long.parseLong(f[1]) * ByteSize.KIB;
    }
}
