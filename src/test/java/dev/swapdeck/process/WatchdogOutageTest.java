package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models started while no watchdog can start are guarded by the one that starts later (SPEC §9), and
 * each outage is said once, when it begins, and once when it ends.
 */
class WatchdogOutageTest {
    /**
     * Which of the lifeline's watchdog starts fail. Each spawn tries before it starts its process and
     * again to guard it: the first two spawns' four tries, then the one that replaces a killed watchdog.
     */
    private static final Set<Integer> FAILING = Set.of(0, 1, 2, 3, 5);

    @Test
    void modelsStartedWhileNoWatchdogCouldStartAreHandedOnceToTheNextOne(@TempDir Path dir) throws Exception {
        AtomicInteger starts = new AtomicInteger();
        List<Process> watchdogs = new CopyOnWriteArrayList<>();
        // each watchdog a cat that writes down what it is told, one file each
        Lifeline lifeline = new Lifeline((setsid, run) -> {
            int start = starts.getAndIncrement();
            if (FAILING.contains(start)) {
                throw new IOException("no watchdog this time (" + start + ")");
            }
            Process told = new ProcessBuilder("sh", "-c", "exec cat > \"$0\"", dir.resolve("told-" + start).toString())
                    .start();
            watchdogs.add(told);
            return new Watchdog(told);
        });
        List<String> logged = new CopyOnWriteArrayList<>();
        ProxyLog log = (level, model, message) -> logged.add(level + " " + message);
        List<Lifeline.Spawned> models = new ArrayList<>();
        try {
            models.add(spawn(lifeline, log));
            models.add(spawn(lifeline, log));
            models.add(spawn(lifeline, log));
            Await.until(() -> "the watchdog that the third spawn started told of all three: " + told(dir, 4),
                    Duration.ofSeconds(5), () -> told(dir, 4).equals(guards(models)));
            watchdogs.get(0).destroyForcibly();
            Await.until(() -> "the outage after it said: " + logged, Duration.ofSeconds(5),
                    () -> warnings(logged).size() == 2);
            models.add(spawn(lifeline, log));
            Await.until(() -> "the watchdog that the fourth spawn started told of all four: " + told(dir, 6),
                    Duration.ofSeconds(5), () -> told(dir, 6).equals(guards(models)));
            List<String> warnings = warnings(logged);
            assertEquals(2, warnings.size(), "once per outage: " + logged);
            assertTrue(warnings.get(0).contains("could not start the watchdog") && warnings.get(0)
                    .contains("no watchdog this time (0)"), warnings.get(0));
            assertTrue(warnings.get(1).contains("ended, and no other could start"), warnings.get(1));
            assertEquals(List.of("INFO it now guards the 2 model processes running", "INFO it now guards the 3 model processes running"),
                    logged.stream().filter(l -> l.contains("it now guards the")).map(l -> "INFO" + l.substring(l.indexOf(" it now")))
                            .collect(Collectors.toList()), "each outage's end, before the next spawn: " + logged);
        } finally {
            models.forEach(m -> m.process().destroyForcibly());
            watchdogs.forEach(Process::destroyForcibly);
        }
    }

    private static Lifeline.Spawned spawn(Lifeline lifeline, ProxyLog log) throws IOException {
        return lifeline.spawn(new ProcessBuilder(), List.of("sleep", "30"), WatchdogStop.NONE,
                ProcessMarks.next("outage"), log);
    }

    private static List<String> guards(List<Lifeline.Spawned> models) {
        return models.stream().map(m -> "+ " + m.watchdogTarget()).collect(Collectors.toList());
    }

    private static List<String> told(Path dir, int start) {
        try {
            Path file = dir.resolve("told-" + start);
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> warnings(List<String> logged) {
        return logged.stream().filter(l -> l.startsWith("WARN") && l.contains("watchdog")).collect(Collectors.toList());
    }
}
