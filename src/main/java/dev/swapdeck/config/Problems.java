package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects the errors and warnings of one load, each located by file, 1-based line and column, and
 * dotted key path, so that a single run reports everything wrong with a file.
 */
final class Problems {
    private final String file;
    /** For a merged configuration: the file each position came from (by mark identity). */
    private final Map<Mark, String> origins = new IdentityHashMap<>();
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** Records that every node of {@code root} was read from {@code fileName}. */
    void origin(Node root, String fileName) {
        YamlTrees.forEach(root, node -> origins.put(node.getStartMark(), fileName));
    }

    void error(Node at, String key, String message) {
        errors.add(problem(at == null ? null : at.getStartMark(), key, message));
    }

    void error(Mark at, String key, String message) {
        errors.add(problem(at, key, message));
    }

    /** An error at a known place with no node, e.g. 1:1 for an empty file. */
    void error(int line, int column, String key, String message) {
        errors.add(new ConfigProblem(file, line, column, key, message));
    }

    void warn(Node at, String key, String message) {
        warnings.add(problem(at == null ? null : at.getStartMark(), key, message));
    }

    int errorCount() {
        return errors.size();
    }

    List<ConfigProblem> warnings() {
        return sorted(warnings);
    }

    /** Throws every error found so far, in file order; does nothing when there is none. */
    void throwIfAny() throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(sorted(errors));
        }
    }

    private ConfigProblem problem(Mark mark, String key, String message) {
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        return new ConfigProblem(mark == null ? file : origins.getOrDefault(mark, file), line, column, key, message);
    }

    private static List<ConfigProblem> sorted(List<ConfigProblem> problems) {
        List<ConfigProblem> copy = new ArrayList<>(problems);
        copy.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
        return List.copyOf(copy);
    }
}
