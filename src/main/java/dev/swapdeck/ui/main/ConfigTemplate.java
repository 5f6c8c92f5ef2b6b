package dev.swapdeck.ui.main;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first-run template: the commented {@code config.example.yaml} shipped in the jar, copied to
 * the default config path when the user leaves the built-in demo.
 */
final class ConfigTemplate {
    static final String RESOURCE = "/dev/swapdeck/config/config.example.yaml";

    private ConfigTemplate() {
    }

    /** Writes the template to {@code target} unless a file is already there; never overwrites. */
    static Path writeIfAbsent(Path target) throws IOException {
        if (Files.exists(target)) {
            return target;
        }
        try (InputStream in = ConfigTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the config template " + RESOURCE + " is missing from this build");
            }
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(in, target);
        }
        return target;
    }
}
