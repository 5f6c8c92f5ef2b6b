package dev.swapdeck.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks a command's program up before it is wrapped for the {@link Lifeline}: the wrapper would
 * otherwise report a missing program as an exit with code 1 instead of "command not found".
 */
final class Programs {
    private Programs() {
    }

    /** Why {@code argv} cannot run with {@code env} added to the environment ({@code PATH} included); empty if it can. */
    static Optional<String> problem(List<String> argv, Map<String, String> env) {
        if (argv.isEmpty()) {
            return Optional.of("the command is empty");
        }
        String program = argv.get(0);
        if (program.contains("/")) {
            Path file = Path.of(program);
            if (!Files.exists(file)) {
                return Optional.of("command not found: " + program);
            }
            return Files.isExecutable(file) && !Files.isDirectory(file) ? Optional.empty()
                    : Optional.of("permission denied running " + program);
        }
        String path = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.empty();
            }
        }
        return Optional.of("command not found: " + program);
    }
}
