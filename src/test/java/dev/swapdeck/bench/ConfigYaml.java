package dev.swapdeck.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the llama-swap style YAML the benchmark hands Swapdeck, exactly as a user would: every
 * model on a fixed loopback port with an explicit {@code proxy} URL.
 */
final class ConfigYaml {
    private final StringBuilder models = new StringBuilder();
    private final StringBuilder profiles = new StringBuilder();

    /** A model with a {@code /health} check; {@code extra} is YAML lines such as {@code concurrencyLimit: 64}. */
    ConfigYaml model(String id, int port, List<String> cmd, String... extra) {
        models.append("  ").append(id).append(":\n")
                .append("    cmd: ").append(quote(cmd.stream().map(ConfigYaml::shellWord)
                        .collect(Collectors.joining(" ")))).append('\n')
                .append("    proxy: http://127.0.0.1:").append(port).append('\n');
        for (String line : extra) {
            models.append("    ").append(line).append('\n');
        }
        return this;
    }

    ConfigYaml profile(String name, List<String> members) {
        profiles.append("  ").append(name).append(": [").append(String.join(", ", members)).append("]\n");
        return this;
    }

    Path write(Path file, Map<String, String> topLevel) {
        StringBuilder yaml = new StringBuilder();
        topLevel.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        yaml.append("models:\n").append(models);
        if (profiles.length() > 0) {
            yaml.append("profiles:\n").append(profiles);
        }
        try {
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One argument as Swapdeck's POSIX-like splitter reads it. */
    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:=+@%,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** A YAML double-quoted scalar. */
    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
