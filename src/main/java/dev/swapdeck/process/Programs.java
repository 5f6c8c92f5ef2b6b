package dev.swapdeck.process;

import java.io.File;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
        Optional<String> unpassable = unpassable(argv, env, System.getProperty("sun.jnu.encoding",
                Charset.defaultCharset().name()));
        if (unpassable.isPresent()) {
            return unpassable;
        }
        String program = argv.get(0);
        if (program.contains("/")) {
            Path file = Path.of(program);
            String relative = file.isAbsolute() ? "" : " (a relative path, from Swapdeck's working directory "
                    + Path.of("").toAbsolutePath() + ")";
            if (!Files.exists(file)) {
                return Optional.of("command not found: " + program + relative);
            }
            if (Files.isDirectory(file)) {
                return Optional.of(program + " is a directory, not a program" + relative);
            }
            return Files.isExecutable(file) ? Optional.empty() : Optional.of("permission denied running " + program);
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

    /**
     * A word the JVM cannot hand to a program: it encodes arguments and environment in the locale's
     * charset ({@code sun.jnu.encoding}), so under {@code LANG=C} or no locale at all, "héllo" would
     * arrive as "h?llo" and a path naming a file would name another.
     */
    static Optional<String> unpassable(List<String> argv, Map<String, String> env, String charsetName) {
        CharsetEncoder encoder;
        try {
            encoder = Charset.forName(charsetName).newEncoder();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Stream.concat(argv.stream(), env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()))
                .filter(word -> !encoder.canEncode(word)).findFirst()
                .map(word -> "\"" + word + "\" cannot be passed to a program as written: Swapdeck runs with the "
                        + charsetName + " character set of its locale; start it with a UTF-8 locale "
                        + "(LANG=C.UTF-8, or the LANG of your desktop)");
    }
}
