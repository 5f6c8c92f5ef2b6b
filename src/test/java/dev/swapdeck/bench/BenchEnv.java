package dev.swapdeck.bench;

import dev.swapdeck.Main;
import dev.swapdeck.demo.DemoUpstream;
import dev.swapdeck.testing.DemoUpstreamCommand;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the benchmark runs: the {@code java} running it, its classpath (the test classpath, so the
 * demo upstream and Swapdeck come from the same build), and a scratch directory for generated
 * configs and the children's output. Every JVM the benchmark starts gets fixed heap and GC settings,
 * so runs compare.
 */
final class BenchEnv {
    /** Swapdeck under test: the product's JVM, measured alone. */
    static final List<String> SWAPDECK_JVM = List.of("-Xms256m", "-Xmx256m", "-XX:+UseG1GC", "-Xss512k");
    /**
     * The demo upstream for speed figures: full JIT (unlike the tests' quick-start flags) so the
     * upstream is fast and the proxy's own cost is visible.
     */
    static final List<String> UPSTREAM_JVM = List.of("-Xms128m", "-Xmx128m", "-XX:+UseSerialGC", "-Xss256k");

    final String java = DemoUpstreamCommand.java();
    final String classpath = System.getProperty("java.class.path");
    final Path scratch;

    BenchEnv() {
        try {
            scratch = Files.createTempDirectory("swapdeck-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Swapdeck as the README runs it: {@code java <flags> -XX:SharedArchiveFile=target/swapdeck.jsa
     * -jar target/swapdeck.jar <args>} (bench/run.sh builds both first), so the first requests it
     * serves map their classes from the archive as a person's do.
     */
    List<String> swapdeckCommand(List<String> flags, List<String> args) {
        Path jar = Path.of("target", "swapdeck.jar");
        if (!Files.isRegularFile(jar)) {
            return javaCommand(flags, Main.class.getName(), args);
        }
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(flags);
        argv.add("-XX:SharedArchiveFile=" + Path.of("target", "swapdeck.jsa"));
        argv.add("-jar");
        argv.add(jar.toString());
        argv.addAll(args);
        return argv;
    }

    /** {@code java <flags> -cp <cp> <mainClass> <args>}. */
    List<String> javaCommand(List<String> flags, String mainClass, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(flags);
        argv.add("-cp");
        argv.add(classpath);
        argv.add(mainClass);
        argv.addAll(args);
        return argv;
    }

    /**
     * The demo upstream serving {@code model} on {@code port}, with extra demo flags. Its classpath is
     * cut to what it loads (Swapdeck's classes and Jackson), which keeps its start and the command
     * line Swapdeck logs short.
     */
    List<String> upstream(int port, String model, String... demoArgs) {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--model", model));
        args.addAll(List.of(demoArgs));
        String cp = Arrays.stream(classpath.split(File.pathSeparator))
                .filter(entry -> entry.endsWith("classes") || entry.contains("jackson"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> argv = new ArrayList<>(List.of(java));
        argv.addAll(UPSTREAM_JVM);
        argv.addAll(List.of("-cp", cp, DemoUpstream.class.getName()));
        argv.addAll(args);
        return argv;
    }

    /** SIGTERM to a directly started upstream, then waits for it (an interrupt is kept for the caller). */
    static void stop(Process process) {
        process.toHandle().destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes the scratch directory (configs, the children's consoles). */
    void cleanUp() {
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + scratch + ": " + e.getMessage());
        }
    }
}
