package dev.swapdeck.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code DemoUpstream} child JVM started directly (no Swapdeck in between), for tests of the demo
 * itself and as a plain upstream for proxy tests. Its output is collected; {@link #start} returns once
 * it prints its {@code listening on} line. Closing kills it.
 */
public final class RunningDemoUpstream implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private volatile URI baseUri;

    private RunningDemoUpstream(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collect, "demo-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts one with these flags; {@code --port 0} is added unless {@code --port} is given. */
    public static RunningDemoUpstream start(String... demoArgs) {
        List<String> args = new ArrayList<>(List.of(demoArgs));
        if (!args.contains("--port")) {
            args.addAll(List.of("--port", "0"));
        }
        try {
            Process process = new ProcessBuilder(DemoUpstreamCommand.argv(args)).redirectErrorStream(true).start();
            RunningDemoUpstream upstream = new RunningDemoUpstream(process);
            upstream.awaitLine(line -> LISTENING.matcher(line).find(), START_TIMEOUT);
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    baseUri = URI.create(m.group(1));
                }
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the process is gone; what it printed is kept
        }
    }

    /** {@code http://127.0.0.1:PORT}, from its own {@code listening on} line. */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    public URI uri(String path) {
        return baseUri.resolve(path);
    }

    public Process process() {
        return process;
    }

    /** Everything printed so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Waits until some printed line matches; fails with the output so far after {@code timeout}. */
    public String awaitLine(Predicate<String> match, Duration timeout) {
        Await.until(() -> "a matching line from the demo upstream; output so far: " + lines(), timeout,
                () -> lines().stream().anyMatch(match));
        return lines().stream().filter(match).findFirst().orElseThrow();
    }

    /** Sends SIGTERM the way Swapdeck does (without closing our end of its pipes). */
    public void sigterm() {
        process.toHandle().destroy();
    }

    @Override
    public void close() {
        process.toHandle().destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
