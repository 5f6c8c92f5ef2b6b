package dev.swapdeck.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.state.FolderLock;
import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoUpstreamCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swapdecks sharing a state folder keep each other's models in {@value LoadTimes#FILE}: a save reads,
 * merges and replaces the file while it holds {@value LoadTimes#LOCK_FILE}, so one saving at the same
 * moment as another does not drop what the other just wrote. Each model here is learned by a
 * {@link LoadTimes} of its own and saved once: one lost save is one model missing.
 */
class LoadTimesSharingTest {
    private static final int SAVES = 150;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void twoSwapdecksSavingTogetherLoseNoModel(@TempDir Path dir) throws Exception {
        List<Process> writers = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            writers.add(new ProcessBuilder(DemoUpstreamCommand.java(), "-cp", System.getProperty("java.class.path"),
                    LoadTimesWriter.class.getName(), dir.toString(), name, Integer.toString(SAVES))
                    .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start());
        }
        Await.until("both writers ready", PATIENCE,
                () -> Files.exists(dir.resolve("a.ready")) && Files.exists(dir.resolve("b.ready")));
        Files.createFile(dir.resolve("go"));
        for (int i = 0; i < writers.size(); i++) {
            assertTrue(writers.get(i).waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "writer " + i + " still saving");
            String log = Files.readString(dir.resolve(List.of("a", "b").get(i) + ".log"));
            assertEquals(0, writers.get(i).exitValue(), log);
            assertEquals("", log, "no problem reported");
        }
        assertEquals(List.of(), missing(new StateFolder(dir), List.of("a", "b")));
    }

    /** Two in one JVM (a test, an embedding) take turns too: the JDK refuses, not waits, a second lock there. */
    @Test
    void twoSavingTogetherInOneJvmLoseNoModel(@TempDir Path dir) throws Exception {
        StateFolder folder = new StateFolder(dir);
        List<String> problems = new CopyOnWriteArrayList<>();
        CyclicBarrier together = new CyclicBarrier(2);
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (String name : List.of("a", "b")) {
            Thread writer = new Thread(() -> {
                try {
                    together.await();
                    for (int n = 0; n < SAVES; n++) {
                        LoadTimes times = LoadTimes.in(folder, problems::add);
                        times.learn(name + "-" + n, Duration.ofMillis(n + 1));
                        times.save();
                    }
                } catch (Exception | Error e) {
                    failures.add(e);
                }
            }, "writer-" + name);
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join(PATIENCE.toMillis());
        }
        assertEquals(List.of(), failures);
        assertEquals(List.of(), problems);
        assertEquals(List.of(), missing(folder, List.of("a", "b")));
    }

    /** A Swapdeck stopped while it holds the lock (SIGSTOP) costs the others a second's wait and a warning. */
    @Test
    void aLockHeldTooLongIsReportedAndTheSaveMadeAllTheSame(@TempDir Path dir) throws Exception {
        StateFolder folder = new StateFolder(dir);
        List<String> problems = new ArrayList<>();
        LoadTimes times = LoadTimes.in(folder, problems::add);
        times.learn("a", Duration.ofMillis(1500));
        try (FolderLock held = folder.lock(LoadTimes.LOCK_FILE, Duration.ZERO).orElseThrow()) {
            times.save();
        }
        assertEquals(List.of("saved learned load times without holding " + dir.resolve(LoadTimes.LOCK_FILE)
                + ", still locked after 1000 ms (by another Swapdeck sharing the state folder?): what another"
                + " Swapdeck saved at the same moment may be lost"), problems);
        assertEquals(Optional.of(Duration.ofMillis(1500)), LoadTimes.in(folder, problems::add).expected("a"));
        times.save();
        assertEquals(1, problems.size(), "the lock is free again: " + problems);
    }

    @Test
    void aLockFileThatCannotBeLockedIsReportedAndTheSaveMadeAllTheSame(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve(LoadTimes.LOCK_FILE));
        StateFolder folder = new StateFolder(dir);
        List<String> problems = new ArrayList<>();
        LoadTimes times = LoadTimes.in(folder, problems::add);
        times.learn("a", Duration.ofMillis(1500));
        times.save();
        assertEquals(List.of("saved learned load times without holding " + dir.resolve(LoadTimes.LOCK_FILE)
                + ", it cannot be locked: Is a directory: what another Swapdeck saved at the same moment may be lost"),
                problems);
        assertEquals(Optional.of(Duration.ofMillis(1500)), LoadTimes.in(folder, problems::add).expected("a"));
    }

    private static List<String> missing(StateFolder folder, List<String> names) {
        LoadTimes saved = LoadTimes.in(folder, problem -> { throw new AssertionError(problem); });
        return names.stream().flatMap(name -> IntStream.range(0, SAVES).mapToObj(n -> name + "-" + n))
                .filter(model -> saved.expected(model).isEmpty()).toList();
    }
}
