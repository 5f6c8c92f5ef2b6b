package dev.swapdeck.engine;

import dev.swapdeck.config.ConfigSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code --watch-config}: reloads the configuration when the file (or the {@code --config-dir}
 * folder's {@code *.yaml} and {@code *.yml} files, the only ones it merges) in force change. Polls
 * sizes and modification times twice a second, so that editors that replace the file by renaming are
 * seen too, and waits until a change has been stable for one poll, so a half-written file is not
 * read. An invalid file is rejected by the reload (the
 * running configuration stays) and the next change is tried again.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);

    private final Engine engine;
    private final List<Path> watched;
    private final Thread thread;
    private volatile boolean closed;

    private ConfigWatcher(Engine engine, List<Path> watched) {
        this.engine = engine;
        this.watched = List.copyOf(watched);
        this.thread = new Thread(this::run, "swapdeck-config-watch");
        this.thread.setDaemon(true);
    }

    /** Watches {@code paths} (files or folders) for the life of the process. */
    public static ConfigWatcher start(Engine engine, List<Path> paths) {
        ConfigWatcher watcher = new ConfigWatcher(engine, paths);
        watcher.thread.start();
        engine.logs().info("watching " + paths + " for changes (--watch-config)");
        return watcher;
    }

    private void run() {
        String reloaded = snapshot(watched);
        String seen = reloaded;
        while (!closed && !engine.isShuttingDown()) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            String now = snapshot(watched);
            if (now.equals(seen) && !now.equals(reloaded)) {
                reloaded = now;
                engine.logs().info("configuration changed on disk: reloading");
                engine.reload().exceptionally(error -> null);
            }
            seen = now;
        }
    }

    /**
     * Names, sizes and modification times of the files a reload reads, as one comparable text: of a
     * folder only the YAML files {@link ConfigSources} merges, so an editor's swap file or a note
     * beside them does not reload (a reload clears the active pin profile).
     */
    static String snapshot(List<Path> watched) {
        StringBuilder text = new StringBuilder();
        for (Path path : watched) {
            try {
                List<Path> files = Files.isDirectory(path) ? ConfigSources.yamlFilesIn(path) : List.of(path);
                files.stream().filter(Files::isRegularFile).forEach(f -> text.append(describe(f)));
            } catch (IOException e) {
                text.append(path).append(" unreadable;");
            }
        }
        return text.toString();
    }

    private static String describe(Path file) {
        try {
            return file + ":" + Files.size(file) + ":" + Objects.toString(Files.getLastModifiedTime(file)) + ";";
        } catch (IOException e) {
            return file + " gone;";
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
