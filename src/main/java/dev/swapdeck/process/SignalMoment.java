package dev.swapdeck.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * The moment a stopping server was sent its SIGTERM, told apart from what came after it. llama-swap
 * signals the server's process group at once ({@code kill(-pgid)}), so a process the server starts
 * in its SIGTERM handler (a wrapper's {@code trap 'docker stop …' TERM}) is not signalled and can
 * finish its work. Swapdeck signals the server first and the other members once it has read who they
 * are; a member started by then must be left alone in the same way.
 *
 * <p>Read from {@code /proc}: the clock tick (1/100 s since boot, as a process's start time counts)
 * and the last process id handed out, just before the signal. A member that started in a later tick
 * came after; one that started in the same tick came after if its id was handed out later (ids are
 * handed out in order, wrapping at {@code pid_max}).
 */
record SignalMoment(long ticks, long lastPid, long pidMax) {
    private static final int SMALL_FILE = 128;

    /**
     * Now, or empty where {@code /proc} does not tell (then every member counts as there before). On
     * a swap's critical path, before the signal, in code too rarely run to be compiled: two small reads
     * parsed in place ({@code pid_max} is read once).
     */
    static Optional<SignalMoment> now() {
        byte[] buffer = new byte[SMALL_FILE];
        int uptime = read("/proc/uptime", buffer);
        int dot = indexOf(buffer, uptime, (byte) '.');
        if (dot < 0 || dot + 3 > uptime || PidMax.VALUE <= 0) {
            return Optional.empty();
        }
        long ticks = number(buffer, 0, dot) * 100 + number(buffer, dot + 1, dot + 3);
        int loadavg = read("/proc/loadavg", buffer);
        int end = loadavg;
        while (end > 0 && (buffer[end - 1] == '\n' || buffer[end - 1] == ' ')) {
            end--;
        }
        int start = end;
        while (start > 0 && buffer[start - 1] != ' ') {
            start--;
        }
        long lastPid = number(buffer, start, end);
        return start == end || lastPid < 0 ? Optional.empty()
                : Optional.of(new SignalMoment(ticks, lastPid, PidMax.VALUE));
    }

    /** Whether the process {@code pid} already ran at this moment; false if it is gone. */
    boolean existedAt(long pid) {
        return ProcFs.stat(pid).map(stat -> existedAt(stat.pid(), stat.startTicks())).orElse(false);
    }

    boolean existedAt(long pid, long startTicks) {
        if (startTicks != ticks) {
            return startTicks < ticks;
        }
        long handedOutAfter = Math.floorMod(pid - lastPid, pidMax);
        return handedOutAfter == 0 || handedOutAfter > pidMax / 2;
    }

    /** {@code /proc/sys/kernel/pid_max}, where process ids wrap; 0 if unreadable. */
    private static final class PidMax {
        static final long VALUE = readPidMax();

        private static long readPidMax() {
            byte[] buffer = new byte[SMALL_FILE];
            int length = read("/proc/sys/kernel/pid_max", buffer);
            int end = indexOf(buffer, length, (byte) '\n');
            return number(buffer, 0, end < 0 ? Math.max(length, 0) : end);
        }
    }

    /** The bytes of {@code file} read into {@code buffer}: their count, or -1 if unreadable. */
    private static int read(String file, byte[] buffer) {
        try (FileInputStream in = new FileInputStream(file)) {
            return in.read(buffer);
        } catch (IOException e) {
            return -1;
        }
    }

    private static int indexOf(byte[] buffer, int length, byte wanted) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** The decimal digits in {@code [from, to)}; -1 if any is not a digit. */
    private static long number(byte[] buffer, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            if (buffer[i] < '0' || buffer[i] > '9') {
                return -1;
            }
            value = value * 10 + (buffer[i] - '0');
        }
        return value;
    }
}
