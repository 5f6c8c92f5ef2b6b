package dev.swapdeck.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Text files shipped in the jar next to this package's classes. */
final class BundledText {

    private BundledText() {
    }

    /** @throws IllegalStateException if the resource is missing (a packaging bug, not a user error) */
    static String read(String name) {
        try (InputStream in = BundledText.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " in package dev.swapdeck.config");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
