package dev.swapdeck.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where a program named without a slash is found, as {@code execvp} looks for it. */
public final class Executables {
    private Executables() {
    }

    /**
     * The first executable file named {@code program} in the directories of {@code path} (a
     * {@code PATH} value; an empty entry is the working directory, as for {@code execvp}).
     */
    public static Optional<Path> onPath(String program, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
