package dev.swapdeck.engine;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.UnreadableConfigException;
import dev.swapdeck.event.Event;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A reload read {@code file} and refused it; the configuration in force stays. Whoever asked for the
 * reload (the window, the API, SIGHUP, {@code --watch-config}), the window and {@code /api/events} see
 * the same {@code problems}, each {@code file:line:column: key: message} where the file has a place
 * for it.
 */
public record ConfigRejected(Path file, List<String> problems, Instant at) implements Event {
    public ConfigRejected {
        problems = List.copyOf(problems);
    }

    /** The rejection of {@code file} for {@code error}, as a reload fails with it. */
    public static ConfigRejected of(Path file, Throwable error, Instant at) {
        return new ConfigRejected(file, problems(file, error), at);
    }

    /** What was wrong with {@code file}: each problem of a {@link ConfigException}, else the one error. */
    public static List<String> problems(Path file, Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ConfigException config && !config.problems().isEmpty()) {
            return config.report();
        }
        if (cause instanceof UnreadableConfigException) {
            return List.of(cause.getMessage()); // it names the file already
        }
        String text = cause.getMessage();
        return List.of(file + ": " + (text == null || text.isBlank() ? cause.getClass().getSimpleName() : text));
    }

    @Override
    public String type() {
        return "configRejected";
    }

    @Override
    public int weight() {
        return 64 + problems.stream().mapToInt(String::length).sum();
    }
}
