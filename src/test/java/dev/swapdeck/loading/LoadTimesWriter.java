package dev.swapdeck.loading;

import dev.swapdeck.state.StateFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Swapdeck reduced to its load-time saves, in a JVM of its own: {@code <folder> <name> <count>}
 * writes {@code <folder>/<name>.ready}, waits for {@code <folder>/go} (so that two start saving
 * together), then saves {@code count} models {@code <name>-<n>}, each learned by a {@link LoadTimes}
 * of its own, as a Swapdeck that starts each once and is started again each time would. Problems go to
 * stderr.
 */
public final class LoadTimesWriter {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private LoadTimesWriter() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Path.of(args[0]);
        StateFolder folder = new StateFolder(dir);
        Files.createFile(dir.resolve(args[1] + ".ready"));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!Files.exists(dir.resolve("go")) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        for (int n = 0; n < Integer.parseInt(args[2]); n++) {
            LoadTimes times = LoadTimes.in(folder, System.err::println);
            times.learn(args[1] + "-" + n, Duration.ofMillis(n + 1));
            times.save();
        }
    }
}
