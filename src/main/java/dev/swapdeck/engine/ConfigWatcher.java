package dev.swapdeck.engine;

import dev.swapdeck.config.ConfigSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * {@code --watch-config}: reloads the configuration when the file (or the {@code --config-dir}
 * folder's {@code *.yaml} and {@code *.yml} files, the only ones it merges) in force change. Polls
 * sizes, modification times and contents twice a second, so that editors that replace the file by
 * renaming are seen too, and waits until a change has been stable for a second ({@link #STABLE_POLLS}), so
 * a half-written file is not read. An invalid file is rejected by the reload (the
 * running configuration stays) and the next change is tried again.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);
    /**
     * How many polls a change must stay as it is before it is read: a writer that paused half a second
     * part-way (a script, a slow pipe) had a valid first half applied, its running models stopped.
     */
    static final int STABLE_POLLS = 2;
    /** Files up to this size (any configuration) are read at each poll for their checksum. */
    private static final long CHECKSUMMED_BYTES = 4L * 1024 * 1024;

    private final Engine engine;
    private final List<Path> watched;
    private final String atLoad;
    private final Thread thread;
    private volatile boolean closed;

    private ConfigWatcher(Engine engine, List<Path> watched, String atLoad) {
        this.engine = engine;
        this.watched = List.copyOf(watched);
        this.atLoad = atLoad;
        this.thread = new Thread(this::run, "swapdeck-config-watch");
        this.thread.setDaemon(true);
    }

    /**
     * The files (or folders) to watch, as they were before the configuration was read from them: a save
     * made after that (while Swapdeck starts) is reloaded too.
     */
    public record Before(List<Path> paths, String snapshot) {
        public static Before take(List<Path> paths) {
            return new Before(List.copyOf(paths), ConfigWatcher.snapshot(paths));
        }
    }

    /** Watches {@code before}'s paths for the life of the process. */
    public static ConfigWatcher start(Engine engine, Before before) {
        ConfigWatcher watcher = new ConfigWatcher(engine, before.paths(), before.snapshot());
        watcher.thread.start();
        engine.logs().info("watching " + before.paths() + " for changes (--watch-config)");
        return watcher;
    }

    private void run() {
        Settling files = new Settling(atLoad, snapshot(watched));
        while (!closed && !engine.isShuttingDown()) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (files.poll(snapshot(watched))) {
                engine.logs().info("configuration changed on disk: reloading");
                engine.reload().exceptionally(error -> null);
            }
        }
    }

    /** When the watched files have changed from what was last read and then stayed as they are for {@link #STABLE_POLLS}. */
    static final class Settling {
        private String read;
        private String seen;
        private int stablePolls;

        /** {@code read}: the snapshot of what the configuration in force was read from; {@code seen}: the one now. */
        Settling(String read, String seen) {
            this.read = read;
            this.seen = seen;
        }

        /** Takes the next poll's snapshot; true when the files are to be read again now. */
        boolean poll(String now) {
            stablePolls = now.equals(seen) ? stablePolls + 1 : 0;
            seen = now;
            if (stablePolls >= STABLE_POLLS && !now.equals(read)) {
                read = now;
                return true;
            }
            return false;
        }
    }

    /**
     * Names, sizes, modification times and checksums of the files a reload reads, as one comparable text: of a
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

    /**
     * A file's size, modification time and checksum: a file put in its place with the same size and time
     * (a symlink into the Nix store, where every file's time is 1; {@code cp -p}) differs in its bytes.
     */
    private static String describe(Path file) {
        try {
            long size = Files.size(file);
            String described = file + ":" + size + ":" + Objects.toString(Files.getLastModifiedTime(file));
            if (size <= CHECKSUMMED_BYTES) {
                CRC32C checksum = new CRC32C();
                checksum.update(Files.readAllBytes(file));
                described += ":" + Long.toHexString(checksum.getValue());
            }
            return described + ";";
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
