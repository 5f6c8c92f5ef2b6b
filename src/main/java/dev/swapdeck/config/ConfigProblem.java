package dev.swapdeck.config;

/**
 * One error or warning about a configuration file, located precisely enough to fix it.
 *
 * @param file   the file name as given (or {@code <demo>})
 * @param line   1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param key    dotted path of the offending key, e.g. {@code models.qwen.ttl}; empty for the file's top level
 *               (shown as {@code (top level)})
 */
public record ConfigProblem(String file, int line, int column, String key, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (key.isEmpty() ? "(top level)" : key) + ": " + message;
    }
}
