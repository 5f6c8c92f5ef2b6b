package dev.swapdeck.demo;

import java.util.OptionalInt;

/**
 * The demo upstream's command line. Every flag is optional; unknown flags are an error so a typo in a
 * test or a demo config fails loudly instead of silently changing behaviour.
 *
 * @param healthDelayMs  {@code /health} answers 503 until this long after it starts listening, like a
 *                       loading model
 * @param exitAfter      exit with code 3 after answering this many model requests; 0 never
 * @param exitAtStart    exit at once with this code, before listening
 * @param logRate        lines per second printed continuously; 0 none
 * @param chunkDelayMs   default pause between generated tokens, streamed or not ({@code demo_delay_ms}
 *                       overrides it)
 */
record DemoOptions(
        int port,
        String host,
        String model,
        long healthDelayMs,
        boolean neverHealthy,
        boolean ignoreSigterm,
        int exitAfter,
        OptionalInt exitAtStart,
        int startupLines,
        int logRate,
        long chunkDelayMs) {

    static final String USAGE = "usage: DemoUpstream [--port N] [--host H] [--model NAME]"
            + " [--health-delay-ms N] [--never-healthy] [--ignore-sigterm] [--exit-after N]"
            + " [--exit-at-start CODE] [--startup-lines N] [--log-rate N] [--chunk-delay-ms N]";

    static DemoOptions parse(String... args) {
        int port = 0;
        String host = "127.0.0.1";
        String model = "demo";
        long healthDelayMs = 0;
        boolean neverHealthy = false;
        boolean ignoreSigterm = false;
        int exitAfter = 0;
        OptionalInt exitAtStart = OptionalInt.empty();
        int startupLines = 0;
        int logRate = 0;
        long chunkDelayMs = 0;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--never-healthy": neverHealthy = true; continue;
                case "--ignore-sigterm": ignoreSigterm = true; continue;
                default: break;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--port": port = intValue(flag, value); break;
                case "--host": host = value; break;
                case "--model": model = value; break;
                case "--health-delay-ms": healthDelayMs = intValue(flag, value); break;
                case "--exit-after": exitAfter = intValue(flag, value); break;
                case "--exit-at-start": exitAtStart = OptionalInt.of(Integer.parseInt(value)); break;
                case "--startup-lines": startupLines = intValue(flag, value); break;
                case "--log-rate": logRate = intValue(flag, value); break;
                case "--chunk-delay-ms": chunkDelayMs = intValue(flag, value); break;
                default: throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        return new DemoOptions(port, host, model, healthDelayMs, neverHealthy, ignoreSigterm, exitAfter,
                exitAtStart, startupLines, logRate, chunkDelayMs);
    }

    private static int intValue(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new IllegalArgumentException(flag + " must not be negative: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number: " + value, e);
        }
    }
}
