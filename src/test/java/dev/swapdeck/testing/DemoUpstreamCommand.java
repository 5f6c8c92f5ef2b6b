package dev.swapdeck.testing;

import dev.swapdeck.demo.DemoUpstream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line that runs {@link DemoUpstream} as a child JVM from the test classpath. The JVM
 * flags trade peak speed for start-up time and footprint: tests start dozens of these.
 */
public final class DemoUpstreamCommand {
    private static final List<String> FAST_START_FLAGS =
            List.of("-Xss256k", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private DemoUpstreamCommand() {
    }

    /** The {@code java} executable running this test. */
    public static String java() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** {@code java <flags> -cp <test classpath> dev.swapdeck.demo.DemoUpstream <demoArgs>}. */
    public static List<String> argv(String... demoArgs) {
        return argv(Arrays.asList(demoArgs));
    }

    public static List<String> argv(List<String> demoArgs) {
        List<String> argv = new ArrayList<>();
        argv.add(java());
        argv.addAll(FAST_START_FLAGS);
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(DemoUpstream.class.getName());
        argv.addAll(demoArgs);
        return argv;
    }

    /** The same command quoted for {@code sh -c}, for tests that need a shell around it. */
    public static String shellLine(String... demoArgs) {
        return argv(demoArgs).stream().map(DemoUpstreamCommand::shellQuote).collect(Collectors.joining(" "));
    }

    static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
