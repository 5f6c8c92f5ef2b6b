package dev.swapdeck.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** Now, or empty where {@code /proc} does not tell (then every member counts as there before). */
    static Optional<SignalMoment> now() {
        Optional<String> uptime = read("/proc/uptime");
        Optional<String> loadavg = read("/proc/loadavg");
        Optional<String> pidMax = read("/proc/sys/kernel/pid_max");
        if (uptime.isEmpty() || loadavg.isEmpty() || pidMax.isEmpty()) {
            return Optional.empty();
        }
        try {
            String seconds = uptime.get().split(" ")[0];
            int dot = seconds.indexOf('.');
            long ticks = Long.parseLong(seconds.substring(0, dot)) * 100 + Long.parseLong(seconds.substring(dot + 1));
            String[] fields = loadavg.get().trim().split(" ");
            return Optional.of(new SignalMoment(ticks, Long.parseLong(fields[fields.length - 1]),
                    Long.parseLong(pidMax.get().trim())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
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

    private static Optional<String> read(String file) {
        byte[] buffer = new byte[SMALL_FILE];
        try (FileInputStream in = new FileInputStream(file)) {
            int length = in.read(buffer);
            return length > 0 ? Optional.of(new String(buffer, 0, length, StandardCharsets.US_ASCII)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
