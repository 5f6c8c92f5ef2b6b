package dev.swapdeck.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** What {@code /proc} says about pids, as the crash-safety contract is stated: alive means holding resources. */
final class ProcTable {
    private ProcTable() {
    }

    /** Present in {@code /proc} and neither a zombie nor dead (a zombie holds no port and no memory). */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** Living members of process group {@code pgid}. */
    static List<Long> groupMembers(long pgid) {
        try (var entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(pid -> alive(pid) && pgidOf(pid) == pgid).collect(Collectors.toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long pgidOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static List<Long> living(List<Long> pids) {
        return pids.stream().filter(ProcTable::alive).collect(Collectors.toList());
    }

    static String describe(List<Long> pids) {
        return pids.stream().map(pid -> pid + " " + ProcessHandle.of(pid).flatMap(h -> h.info().commandLine())
                        .map(c -> c.length() > 80 ? "…" + c.substring(c.length() - 80) : c).orElse("?"))
                .collect(Collectors.joining("; ", "[", "]"));
    }
}
