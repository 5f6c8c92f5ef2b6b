package dev.swapdeck.memory;

import dev.swapdeck.process.Executables;
import dev.swapdeck.process.FileDescriptors;
import dev.swapdeck.process.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Reads GPU memory with exactly SPEC §11's two queries of {@code nvidia-smi} (or the program
 * {@code $SWAPDECK_NVIDIA_SMI} names). Each run is bounded by a timeout and killed past it. Blocking:
 * call it from the probe's own thread, never on a request's path.
 */
public final class NvidiaSmi {
    public static final String ENV_VARIABLE = "SWAPDECK_NVIDIA_SMI";
    static final List<String> APPS_QUERY = List.of("--query-compute-apps=pid,used_memory",
            "--format=csv,noheader,nounits");
    static final List<String> GPUS_QUERY = List.of("--query-gpu=index,memory.total,memory.used",
            "--format=csv,noheader,nounits");

    /** {@code setsid}, to give each run a process group of its own; empty where there is none. */
    private static final Optional<Path> SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of).filter(Files::isExecutable).findFirst();
    /** Reads each query's answer while the caller waits on the query with a timeout. */
    private static final Executor DRAINS = Threads.eachOnItsOwn("swapdeck-nvidia-smi-out");

    private final String program;
    private final Duration timeout;
    /** The last run that did not answer in time, while it or what it started may still hold its output open. */
    private Stuck stuck;

    public NvidiaSmi(String program, Duration timeout) {
        this.program = program;
        this.timeout = timeout;
    }

    /** The program the environment names: {@code $SWAPDECK_NVIDIA_SMI}, else {@code nvidia-smi} on PATH. */
    public static String program(Map<String, String> env) {
        String named = env.get(ENV_VARIABLE);
        return named == null || named.isBlank() ? "nvidia-smi" : named.strip();
    }

    public String program() {
        return program;
    }

    /** Runs both queries. @throws IOException when the program is missing, fails, times out or answers garbage */
    public Reading read() throws IOException {
        Answer gpus = run(GPUS_QUERY);
        Answer apps = run(APPS_QUERY);
        Reading reading;
        try {
            reading = parse(gpus.text(), apps.text());
        } catch (IOException e) {
            throw gpus.failure().or(apps::failure).orElse(e);
        }
        if (apps.saidOnlyWhyItFailed(gpus)) {
            // "Failed to initialize NVML" read as no processes would credit every model nothing
            throw apps.failure().orElseThrow();
        }
        return reading;
    }

    /** Whether {@code e} says the program could not be run at all (not found, not executable). */
    static boolean missing(IOException e) {
        return e.getMessage() != null && e.getMessage().startsWith("Cannot run program");
    }

    /** A program that ran but did not answer in time: a driver still waking up, not a machine without a GPU. */
    static final class NoAnswer extends IOException {
        NoAnswer(String message) {
            super(message);
        }
    }

    /**
     * What one query printed. A non-zero exit is a failure only when the output does not parse, or says
     * nothing but why: a wrapper script may exit non-zero after printing a good answer (or nothing, for
     * no processes).
     */
    private record Answer(String text, int exitCode, String program) {
        /**
         * A non-zero exit with words and no line of data: a failure, not an answer that lists nothing; unless
         * the words are the notice the GPU query printed beside its data too ("infoROM is corrupted", which
         * lasts as long as the card).
         */
        boolean saidOnlyWhyItFailed(Answer gpus) {
            if (exitCode == 0 || text.isBlank() || text.lines().anyMatch(NvidiaSmi::startsWithDigit)) {
                return false;
            }
            Set<String> notices = gpus.text().lines().map(String::strip).collect(Collectors.toSet());
            return !text.lines().map(String::strip).filter(line -> !line.isEmpty()).allMatch(notices::contains);
        }

        Optional<IOException> failure() {
            return exitCode == 0 ? Optional.empty() : Optional.of(new IOException(program + " exited with code "
                    + exitCode + ": " + text.strip().lines().findFirst().orElse("(no output)")));
        }
    }

    /**
     * Parses the two answers (MiB, no header, no units). Every line of data starts with a number (a GPU's
     * index, a pid); a line that does not is a notice the driver printed beside them ("WARNING: infoROM is
     * corrupted at gpu ...", which lasts as long as the card) and is passed over, unless nothing else came.
     */
    static Reading parse(String gpusCsv, String appsCsv) throws IOException {
        List<Device> devices = new ArrayList<>();
        Optional<String> notice = Optional.empty();
        for (String line : gpusCsv.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            if (!startsWithDigit(line)) {
                notice = notice.or(() -> Optional.of(line.strip()));
                continue;
            }
            String[] f = fields(line, 3, "--query-gpu");
            if (f[1].startsWith("[")) {
                continue; // no total to plan with: a unified-memory GPU (its memory is the RAM)
            }
            devices.add(new Device("GPU " + f[0], mib(f[1], line), mib(f[2], line)));
        }
        if (devices.isEmpty() && notice.isPresent() && gpusCsv.lines().noneMatch(NvidiaSmi::startsWithDigit)) {
            throw new IOException("unexpected answer to --query-gpu: \"" + notice.get() + "\"");
        }
        if (devices.isEmpty()) {
            throw new IOException(gpusCsv.isBlank() ? "nvidia-smi lists no GPU" : "nvidia-smi gives no memory total "
                    + "for any GPU (\"" + gpusCsv.strip().lines().findFirst().orElse("") + "\"), as on a system "
                    + "whose GPU shares the RAM");
        }
        Map<Long, Long> byPid = new HashMap<>();
        for (String line : appsCsv.split("\\R")) {
            if (line.isBlank() || !startsWithDigit(line)) {
                continue; // "No running processes found", or a notice
            }
            String[] f = fields(line, 2, "--query-compute-apps");
            byPid.merge(whole(f[0], line), mib(f[1], line), Long::sum);
        }
        return new Reading(Reading.Source.GPU, devices, byPid);
    }

    private static boolean startsWithDigit(String line) {
        String text = line.strip();
        return !text.isEmpty() && Character.isDigit(text.charAt(0));
    }

    private static String[] fields(String line, int count, String query) throws IOException {
        String[] f = line.split(",");
        if (f.length != count) {
            throw new IOException("unexpected answer to " + query + ": \"" + line.strip() + "\"");
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        return f;
    }

    /** MiB as bytes; nvidia-smi writes {@code [N/A]} where a driver cannot tell (a process's use on WSL2), read as 0. */
    private static long mib(String field, String line) throws IOException {
        return field.startsWith("[") ? 0 : whole(field, line) * ByteSize.MIB;
    }

    private static long whole(String field, String line) throws IOException {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException e) {
            throw new IOException("unexpected number \"" + field + "\" in nvidia-smi's answer \"" + line.strip() + "\"");
        }
    }

    /**
     * Runs one query, in a process group of its own where {@code setsid} is there. A run that does not
     * answer in time, or whose output stays open past it (a wrapper's child that outlived it), is killed
     * with its whole group; until that run has ended and its output is closed, none is started beside
     * it, since one that cannot be killed (a driver's hang holds it in the kernel) would otherwise leave
     * a process and a reading thread behind at every reading.
     */
    private synchronized Answer run(List<String> query) throws IOException {
        if (stuck != null && stuck.holds()) {
            throw new NoAnswer(program + " has not ended since it did not answer within " + timeout.toMillis()
                    + " ms (pid " + stuck.process().pid() + "); it is asked again once it has");
        }
        stuck = null;
        List<String> command = new ArrayList<>();
        SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        command.add(SETSID.isPresent() ? found(program).toString() : program);
        command.addAll(query);
        FileDescriptors.ensureRoomToStart();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), DRAINS);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new NoAnswer(program + " did not answer within " + timeout.toMillis() + " ms");
            }
            return new Answer(output.get(timeout.toMillis(), TimeUnit.MILLISECONDS), process.exitValue(), program);
        } catch (InterruptedException e) {
            killGroup(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + program);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new NoAnswer(program + " ended, but what it started still holds its output open past "
                    + timeout.toMillis() + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            killGroup(process);
            throw new IOException("could not read " + program + "'s answer: " + e.getCause());
        } catch (NoAnswer e) {
            killGroup(process);
            stuck = new Stuck(process, output);
            throw e;
        } finally {
            if (!output.isDone() && stuck == null) {
                killGroup(process);
                stuck = new Stuck(process, output);
            }
        }
    }

    /**
     * Kills the run and all it started: its children first (once it is gone they belong to init), then,
     * where it has a group of its own, whatever is left in the group, a child it left behind included.
     */
    private static void killGroup(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (SETSID.isEmpty()) {
            return;
        }
        try {
            FileDescriptors.ensureRoomToStart();
            new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(1, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill program, or no descriptors to start it: the children found above were all that could be reached
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code program} as the path setsid is given, so that a missing one fails as before, from the JVM
     * ("Cannot run program"), not as setsid's exit code 127.
     */
    private static Path found(String program) throws IOException {
        if (program.contains("/")) {
            return Path.of(program);
        }
        return Executables.onPath(program, System.getenv().getOrDefault("PATH", ""))
                .orElseThrow(() -> new IOException("Cannot run program \"" + program + "\": not found on PATH"));
    }

    /** A run killed at its timeout, and the reading of its output, which ends when every writer has. */
    private record Stuck(Process process, CompletableFuture<String> output) {
        boolean holds() {
            return process.isAlive() || !output.isDone();
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
