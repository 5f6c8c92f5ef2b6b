package dev.swapdeck.process;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.swapdeck.logging.ProxyLog;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link ShortOfDescriptorsTest} under a low descriptor limit: spawns a model's way once, holds
 * descriptors until only {@link #LEFT_FREE} are free (fewer than a spawn's pipes), spawns again, and
 * prints what it saw as {@code key: value} lines: the outcome, descriptor 0's target and the count of
 * open descriptors, each before and after the second spawn.
 */
final class StartsShortOfDescriptors {
    /** Where JDK 17's launcher, unchecked, fails part-way: after making some of its pipes, which it leaks. */
    static final int LEFT_FREE = 9;
    private static final Path STDIN = Path.of("/proc/self/fd/0");

    private StartsShortOfDescriptors() {
    }

    public static void main(String[] args) throws Exception {
        UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ProxyLog log = (level, model, message) -> System.out.println("log: " + message);
        // the first spawn loads every class a spawn needs and starts the watchdog, so the second one needs no descriptor for those
        Process first = spawn(log).process();
        first.waitFor();
        first.getInputStream().close();
        first.getOutputStream().close();
        first.getErrorStream().close();
        String stdinBefore = stdin();
        List<FileInputStream> held = new ArrayList<>();
        while (os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() > LEFT_FREE) {
            held.add(new FileInputStream("/dev/null"));
        }
        long openBefore = os.getOpenFileDescriptorCount();
        String outcome;
        try {
            spawn(log).process().waitFor();
            outcome = "started";
        } catch (IOException e) {
            outcome = e.getMessage();
        }
        long openAfter = os.getOpenFileDescriptorCount();
        String stdinAfter = stdin();
        for (FileInputStream file : held) {
            file.close();
        }
        System.out.println("outcome: " + outcome);
        System.out.println("stdin before: " + stdinBefore);
        System.out.println("stdin after: " + stdinAfter);
        System.out.println("open before: " + openBefore);
        System.out.println("open after: " + openAfter);
    }

    private static Lifeline.Spawned spawn(ProxyLog log) throws IOException {
        return Lifeline.ofThisJvm().spawn(new ProcessBuilder(), List.of("true"), WatchdogStop.NONE,
                ProcessMarks.next("short"), log);
    }

    private static String stdin() {
        try {
            return Files.readSymbolicLink(STDIN).toString();
        } catch (IOException e) {
            return "closed";
        }
    }
}
