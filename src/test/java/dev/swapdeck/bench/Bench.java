package dev.swapdeck.bench;

import dev.swapdeck.testing.FreePorts;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Swapdeck benchmark ({@code bench/run.sh} runs it): every figure next to its baseline, measured
 * in the same run. Swapdeck runs as its own JVM over demo-upstream child JVMs; direct and proxied
 * runs share one upstream process. Not a test: its name does not end in Test, so Surefire never runs
 * it, and nothing here asserts; targets are only reported as met or not.
 *
 * <p>Arguments: {@code [--skip-window] [--out FILE]} (the table is also written to FILE as Markdown).
 */
public final class Bench {
    static final String FAST = "fast";
    static final String SLOW = "slow";
    static final String A = "a";
    static final String B = "b";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean window = !List.of(args).contains("--skip-window");
        int out = List.of(args).indexOf("--out");
        BenchEnv env = new BenchEnv();
        Results results = new Results();
        System.out.println("Swapdeck benchmark on " + machine() + "; scratch " + env.scratch);

        if (List.of(args).contains("--llama-only")) {
            RealLlama.find(env).orElseThrow(() -> new IllegalStateException("no rig")).run(results);
            results.print(System.out);
            System.exit(0);
        }
        int fastPort = FreePorts.loopback();
        int slowPort = FreePorts.loopback();
        int portB = FreePorts.loopback();
        ConfigYaml config = mainConfig(env, fastPort, slowPort, portB);
        boolean proxyOnly = List.of(args).contains("--proxy-only");
        try (SwapdeckUnderTest swapdeck = new SwapdeckUnderTest(env, "swapdeck", config)) {
            swapdeck.load(FAST);
            new ProxyOverhead(env, fastPort, swapdeck).run(results);
            new StreamingDelay(env, fastPort, swapdeck).run(results);
            if (!proxyOnly) {
                new Scale(env, swapdeck, fastPort).run(results);
                new ReadinessDetection(swapdeck, slowPort, gate(env)).run(env, results);
                new SwapCost(env, swapdeck, portB).run(results);
            }
            new AbortStorm(swapdeck).run(results);
        }
        if (proxyOnly) {
            // only once the Swapdeck under test has stopped with its models: they would outlive this JVM
            results.print(System.out);
            System.exit(0);
        }
        RealLlama.find(env).ifPresentOrElse(lane -> {
            try {
                lane.run(results);
            } catch (Exception e) {
                throw new IllegalStateException("the real llama-server lane failed", e);
            }
        }, () -> System.out.println("real llama-server: no rig ($RIG or ~/llm-rig), lane skipped"));
        new ManyModels(env).run(results);
        new UploadMemory(env).run(results);
        new MemoryPlanning(env.scratch).run(results);
        new ObservabilityCost().run(results);
        if (window) {
            runWindowBench(env, results);
        }
        env.cleanUp();
        System.out.println();
        System.out.println("Swapdeck benchmark results (" + machine() + ")");
        results.print(System.out);
        if (out >= 0) {
            try (var file = new java.io.PrintStream(Files.newOutputStream(Path.of(args[out + 1])), true,
                    StandardCharsets.UTF_8)) {
                results.print(file);
            }
        }
        System.exit(0);
    }

    /** The main instance's models, each a demo upstream on its own fixed port. */
    private static ConfigYaml mainConfig(BenchEnv env, int fastPort, int slowPort, int portB) {
        int portA = FreePorts.loopback();
        return new ConfigYaml()
                .model(FAST, fastPort, env.upstream(fastPort, FAST), "concurrencyLimit: 1000")
                .model(SLOW, slowPort, ReadinessDetection.command(env, slowPort, gate(env)))
                .model(A, portA, env.upstream(portA, A))
                .model(B, portB, env.upstream(portB, B, SwapCost.B_ARGS));
    }

    /** The gate file of the readiness figure's upstream. */
    private static Path gate(BenchEnv env) {
        return env.scratch.resolve("healthy-at");
    }

    /**
     * Figure 6 runs in JVMs of its own (JavaFX under Monocle, headless); their rows come back on
     * stdout. First the launch alone as plain {@code java -jar} runs it, then launch and flood with
     * the class-data archive the build makes, as the README's run command uses it. Both put the fat
     * jar first on the class path, as {@code java -jar} has it (the archive requires that).
     */
    private static void runWindowBench(BenchEnv env, Results results) {
        String classpath = Path.of("target", "swapdeck.jar") + File.pathSeparator + env.classpath;
        runWindowJvm(env, results, List.of(), classpath, WindowBench.PLAIN_LAUNCH);
        // -Xshare:on: a missing or stale archive fails this JVM instead of measuring without it
        runWindowJvm(env, results, List.of("-XX:SharedArchiveFile=" + Path.of("target", "swapdeck.jsa"), "-Xshare:on"),
                classpath, WindowBench.ARCHIVE_LAUNCH);
    }

    private static void runWindowJvm(BenchEnv env, Results results, List<String> extraFlags, String classpath,
            String mode) {
        System.out.println("window: launching the window benchmark JVM (Monocle, headless, " + mode + ")");
        List<String> argv = new ArrayList<>(List.of(env.java));
        argv.addAll(WindowBench.JVM_FLAGS);
        argv.addAll(extraFlags);
        argv.addAll(List.of("-cp", classpath, WindowBench.class.getName(), env.scratch.toString(), mode));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("ROW\t")) {
                        results.addParsed(line);
                    } else {
                        System.out.println("  [window] " + line);
                    }
                }
            }
            p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CPU model, core count, memory, OS and JDK: the machine the figures belong to. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // keep "unknown CPU"
        }
        long memGb = Math.round(((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / 1e9);
        String host = "";
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            // anonymous
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memGb + " GB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.runtime.version") + (host.isEmpty() ? "" : ", host " + host);
    }
}
