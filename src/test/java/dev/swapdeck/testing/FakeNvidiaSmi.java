package dev.swapdeck.testing;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.memory.ByteSize;
import dev.swapdeck.memory.Cadence;
import dev.swapdeck.memory.MemoryOptions;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.state.StateFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for {@code nvidia-smi}: a shell script that prints, for SPEC §11's two queries, what two
 * files say. The files are rewritten as the engine's models start and stop, so each fake upstream
 * appears to hold its size in GPU memory under its own pid while its process lives, like a real
 * llama-server would. Another program can be made to use memory too (it shows under this test JVM's pid).
 */
public final class FakeNvidiaSmi implements AutoCloseable {
    /** Fast sampling so tests see changes within a fraction of a second. */
    public static final Cadence TEST_CADENCE = new Cadence(Duration.ofMillis(200), Duration.ofMillis(100),
            Duration.ofSeconds(5));

    private final Path dir;
    private final Path script;
    private final long totalMib;
    private final Map<String, Long> modelMib = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private volatile long otherMib;
    private volatile long unlistedMib;
    private final Set<String> allocateWhenReady = ConcurrentHashMap.newKeySet();
    private volatile boolean perProcess = true;
    private volatile Engine engine;
    private AutoCloseable subscription;

    /** A single GPU of {@code total} (a size string) with nothing on it yet. */
    public FakeNvidiaSmi(Path dir, String total) {
        this.dir = dir;
        this.script = dir.resolve("nvidia-smi");
        this.totalMib = ByteSize.toMib(ByteSize.parse(total));
        try {
            Files.writeString(script, String.join("\n", "#!/bin/sh",
                    "[ -e '" + dir.resolve("failing") + "' ] && { echo 'NVIDIA-SMI has failed because it couldn'\\''t"
                            + " communicate with the NVIDIA driver.'; exit 9; }",
                    "case \"$1\" in",
                    "  --query-gpu=index,memory.total,memory.used) exec cat '" + dir.resolve("gpus.csv") + "';;",
                    "  --query-compute-apps=pid,used_memory) exec cat '" + dir.resolve("apps.csv") + "';;",
                    "esac",
                    "echo \"unexpected query: $*\" >&2",
                    "exit 2", ""));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(Map.of());
    }

    /** Options pointing the engine at this script, learning footprints in {@code state}. */
    public MemoryOptions options(Path state) {
        return options(state, TEST_CADENCE);
    }

    /** The same, sampling as often as {@code cadence} says. */
    public MemoryOptions options(Path state, Cadence cadence) {
        return new MemoryOptions(script.toString(), Duration.ofSeconds(5), Path.of("/proc"), new StateFolder(state),
                cadence);
    }

    /** What model {@code id}'s server uses while it runs (a size string), whatever it declared. */
    public FakeNvidiaSmi model(String id, String size) {
        modelMib.put(id, ByteSize.toMib(ByteSize.parse(size)));
        return this;
    }

    /** Model {@code id}'s server holds nothing until it is ready, as one that allocates while it loads. */
    public FakeNvidiaSmi allocatesWhenReady(String id) {
        allocateWhenReady.add(id);
        return this;
    }

    /**
     * A desktop's graphics now use {@code size}: in memory.used, listed for no process (the compute
     * query lists compute processes only, never a display server's).
     */
    public void desktopGraphics(String size) {
        unlistedMib = ByteSize.toMib(ByteSize.parse(size));
        writer.execute(() -> write(engine == null ? Map.of() : pids(engine)));
    }

    /** From now on each process's memory is {@code [N/A]}, as nvidia-smi writes it on WSL2. */
    public FakeNvidiaSmi withoutProcessMemory() {
        perProcess = false;
        return this;
    }

    /** From now on every query fails as nvidia-smi does when the driver is gone (a driver update, a lost GPU). */
    public void failing(boolean failing) throws IOException {
        Path marker = dir.resolve("failing");
        if (failing) {
            Files.writeString(marker, "");
        } else {
            Files.deleteIfExists(marker);
        }
    }

    /** Another program (image generation, TTS) now uses {@code size}. */
    public void otherProgram(String size) {
        otherMib = ByteSize.toMib(ByteSize.parse(size));
        writer.execute(() -> write(engine == null ? Map.of() : pids(engine)));
    }

    /**
     * Rewrites the files after every state change of {@code engine}'s models, off the publishing
     * thread (the engine must not be asked for its models while a process publishes).
     */
    public void follow(Engine engine) {
        this.engine = engine;
        subscription = engine.events().subscribe(event -> {
            if (event instanceof StateChanged) {
                writer.execute(() -> write(pids(engine)));
            }
        });
    }

    private Map<String, Long> pids(Engine engine) {
        Map<String, Long> pids = new TreeMap<>();
        engine.models().forEach(m -> {
            ProcessState state = m.process().state();
            if (state == ProcessState.READY || (state == ProcessState.STARTING && !allocateWhenReady.contains(m.id()))) {
                m.process().pid().ifPresent(pid -> pids.put(m.id(), pid));
            }
        });
        return pids;
    }

    private synchronized void write(Map<String, Long> pids) {
        StringBuilder apps = new StringBuilder();
        long used = otherMib + unlistedMib;
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            long mib = modelMib.getOrDefault(e.getKey(), 0L);
            apps.append(e.getValue()).append(", ").append(perProcess ? Long.toString(mib) : "[N/A]").append('\n');
            used += mib;
        }
        if (otherMib > 0) {
            apps.append(ProcessHandle.current().pid()).append(", ").append(otherMib).append('\n');
        }
        replace("apps.csv", apps.toString());
        replace("gpus.csv", "0, " + totalMib + ", " + used + "\n");
    }

    private void replace(String name, String content) {
        try {
            Path temp = Files.createTempFile(dir, name, ".tmp");
            Files.writeString(temp, content);
            Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
        writer.shutdownNow();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
