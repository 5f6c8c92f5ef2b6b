package dev.swapdeck.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} (a C load generator, so the client is not the bottleneck) with a POST body and
 * reads back requests per second, the p50 and p99 latencies and any errors.
 */
final class Wrk {
    /** One run's figures; latencies in milliseconds. */
    record Run(double requestsPerSecond, double p50Ms, double p99Ms, long errors) {
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final Path script;

    /** A wrk Lua script that POSTs {@code jsonBody} to every URL it is given. */
    Wrk(BenchEnv env, String jsonBody) {
        String lua = "wrk.method = \"POST\"\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.body = [[" + jsonBody + "]]\n";
        try {
            script = Files.writeString(env.scratch.resolve("post.lua"), lua);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Run run(URI url, int threads, int connections, int seconds) {
        List<String> argv = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "-s", script.toString(), url.toString());
        String out;
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Matcher rps = RPS.matcher(out);
        if (!rps.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new Run(Double.parseDouble(rps.group(1)), latency(out, "50%"), latency(out, "99%"), errors);
    }

    /** A latency line of wrk's distribution, e.g. {@code 50%   68.00us}, in milliseconds. */
    private static double latency(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)\\b").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            default -> value * 1000;
        };
    }
}
