package dev.swapdeck.bench;

import dev.swapdeck.demo.DemoUpstream;
import dev.swapdeck.testing.DemoUpstreamCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /** The demo upstream serving {@code model} on {@code port}, with extra demo flags. */
    List<String> upstream(int port, String model, String... demoArgs) {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--model", model));
        args.addAll(List.of(demoArgs));
        return javaCommand(UPSTREAM_JVM, DemoUpstream.class.getName(), args);
    }
}
