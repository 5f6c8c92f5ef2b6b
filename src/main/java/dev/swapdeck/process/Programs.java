package dev.swapdeck.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Looks a command's program up before it is wrapped for the {@link Lifeline}: the wrapper would
 * otherwise report a missing program as an exit with code 1 instead of "command not found".
 *
 * <p>A program named without a {@code /} is looked up on Swapdeck's own {@code PATH}, as llama-swap
 * looks it up on its own: a model's {@code env: [PATH=...]} changes what the server finds, not which
 * server runs. Only a program found nowhere there is looked up on the model's {@code PATH}.
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
            return Files.isExecutable(file) ? missingInterpreter(file) : Optional.of("permission denied running " + program);
        }
        boolean found = Executables.onPath(program, ownPath()).isPresent()
                || env.containsKey("PATH") && Executables.onPath(program, env.get("PATH")).isPresent();
        return found ? Optional.empty() : Optional.of("command not found: " + program);
    }

    /**
     * {@code argv} as it is spawned with {@code env} added: where the model sets its own {@code PATH},
     * a program that Swapdeck's {@code PATH} holds is named by its full path (the child would look on
     * the model's); otherwise {@code argv} as it is.
     */
    static List<String> resolved(List<String> argv, Map<String, String> env) {
        if (argv.isEmpty() || argv.get(0).contains("/") || !env.containsKey("PATH")) {
            return argv;
        }
        return Executables.onPath(argv.get(0), ownPath()).map(found -> {
            List<String> named = new ArrayList<>(argv);
            named.set(0, found.toAbsolutePath().toString());
            return List.copyOf(named);
        }).orElse(argv);
    }

    private static String ownPath() {
        return System.getenv().getOrDefault("PATH", "");
    }

    /**
     * A script whose {@code #!} line names an interpreter that is not there: the kernel then reports
     * the script itself as not found, which the wrapper passes on as its own failure.
     */
    private static Optional<String> missingInterpreter(Path script) {
        byte[] start = new byte[256];
        int read;
        try (InputStream in = Files.newInputStream(script)) {
            read = in.readNBytes(start, 0, start.length);
        } catch (IOException e) {
            return Optional.empty(); // unreadable to us; the spawn says what it meets
        }
        String head = new String(start, 0, read, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("#!")) {
            return Optional.empty();
        }
        int end = head.indexOf('\n');
        // as the kernel reads it: the name ends at a blank or the line's end, a carriage return is part of it
        String named = head.substring(2, end < 0 ? head.length() : end).replaceFirst("^[ \t]+", "").split("[ \t]", 2)[0];
        if (named.endsWith("\r")) {
            return Optional.of(script + " has Windows line endings (CRLF): its #! line names the interpreter \""
                    + named.substring(0, named.length() - 1) + "\\r\", which is not there; convert the script with "
                    + "dos2unix");
        }
        if (named.isEmpty() || !named.startsWith("/")) {
            return Optional.empty();
        }
        Path interpreter = Path.of(named);
        return Files.isExecutable(interpreter) && !Files.isDirectory(interpreter) ? Optional.empty()
                : Optional.of(script + " names an interpreter that is not there: " + named + " (its #! line)");
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
