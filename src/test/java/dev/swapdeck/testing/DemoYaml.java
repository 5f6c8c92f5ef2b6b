package dev.swapdeck.testing;

import dev.swapdeck.config.CommandLine;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** YAML for a model served by the demo upstream, for tests that go through a configuration file. */
public final class DemoYaml {
    private DemoYaml() {
    }

    /**
     * One entry under {@code models:} (indented two spaces) on a fixed loopback port, with extra demo
     * flags and extra settings lines (each indented four spaces).
     */
    public static String model(String id, int port, List<String> demoArgs, String... settings) {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--model", id));
        args.addAll(demoArgs);
        String cmd = DemoUpstreamCommand.argv(args).stream().map(CommandLine::quote).collect(Collectors.joining(" "));
        StringBuilder yaml = new StringBuilder("  " + id + ":\n    cmd: |\n      " + cmd + "\n    proxy: http://127.0.0.1:" + port + "\n");
        for (String line : settings) {
            yaml.append("    ").append(line).append('\n');
        }
        return yaml.toString();
    }

    /**
     * One entry like {@link #model} without extras, whose command is {@code sh -c '<demo> & wait'}: the
     * shell is Swapdeck's child and the demo upstream its grandchild.
     */
    public static String modelInShell(String id, int port) {
        String line = DemoUpstreamCommand.shellLine("--port", Integer.toString(port), "--model", id) + " & wait";
        return "  " + id + ":\n    cmd: |\n      sh -c " + CommandLine.quote(line) + "\n    proxy: http://127.0.0.1:" + port + "\n";
    }
}
