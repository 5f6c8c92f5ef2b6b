package dev.swapdeck.ui;

import dev.swapdeck.config.CommandLine;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Real config files for window tests: demo-upstream models on fresh loopback ports. */
public final class ConfigFiles {
    private ConfigFiles() {
    }

    /** {@code alpha} (alias {@code a}) and {@code beta} (400 ms to healthy), and profile {@code both}. */
    public static Path twoModels(Path dir) throws IOException {
        String yaml = "healthCheckTimeout: 15\n"
                + "logLevel: debug\n"
                + "models:\n"
                + model("alpha", "Alpha", "a")
                + model("beta", "Beta", "b", "--health-delay-ms", "400")
                + "profiles:\n"
                + "  both: [alpha, beta]\n";
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }

    /** {@code talker} (alias {@code t}): a demo model that streams one token every 300 ms. */
    public static Path slowStreamer(Path dir) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), "healthCheckTimeout: 15\nmodels:\n"
                + model("talker", "Talker", "t", "--chunk-delay-ms", "300"));
    }

    /** {@code broken} (alias {@code x}): a demo model that prints a few lines and exits with code 3 before listening. */
    public static Path failingAtStart(Path dir) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), "healthCheckTimeout: 15\nmodels:\n"
                + model("broken", "Broken", "x", "--startup-lines", "3", "--exit-at-start", "3"));
    }

    private static String model(String id, String name, String alias, String... demoArgs) {
        int port = FreePorts.loopback();
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--model", id));
        args.addAll(List.of(demoArgs));
        String cmd = DemoUpstreamCommand.argv(args).stream().map(CommandLine::quote).collect(Collectors.joining(" "));
        return "  " + id + ":\n"
                + "    name: " + name + "\n"
                + "    aliases: [" + alias + "]\n"
                + "    proxy: http://127.0.0.1:" + port + "\n"
                + "    cmd: |\n      " + cmd + "\n";
    }
}
