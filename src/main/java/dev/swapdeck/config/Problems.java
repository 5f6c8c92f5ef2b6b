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
    private final Map<Mark, String> origins;
    private final List<ConfigProblem> errors;
    private final List<ConfigProblem> warnings;
    private final String downgradeNote;

    Problems(String file) {
        this(file, new IdentityHashMap<>(), new ArrayList<>(), new ArrayList<>(), "");
    }

    private Problems(String file, Map<Mark, String> origins, List<ConfigProblem> errors, List<ConfigProblem> warnings,
            String downgradeNote) {
        this.file = file;
        this.origins = origins;
        this.errors = errors;
        this.warnings = warnings;
        this.downgradeNote = downgradeNote;
    }

    /**
     * The same collection, seen through a view that records errors as warnings ending in {@code note}:
     * for a section that is read but not in use, whose mistakes must not stop the file from loading.
     */
    Problems errorsAsWarnings(String note) {
        return new Problems(file, origins, warnings, warnings, " (" + note + ")");
    }

    /** Records that every node of {@code root} was read from {@code fileName}. */
    void origin(Node root, String fileName) {
        YamlTrees.forEach(root, node -> origins.put(node.getStartMark(), fileName));
    }

    void error(Node at, String key, String message) {
        errors.add(problem(at == null ? null : at.getStartMark(), key, message + downgradeNote));
    }

    void error(Mark at, String key, String message) {
        errors.add(problem(at, key, message + downgradeNote));
    }

    /** An error at a known place with no node, e.g. 1:1 for an empty file. */
    void error(int line, int column, String key, String message) {
        errors.add(new ConfigProblem(file, line, column, key, message + downgradeNote));
    }

    void warn(Node at, String key, String message) {
        warnings.add(problem(at == null ? null : at.getStartMark(), key, message));
    }

    /** Adds the errors and warnings of {@code other}, one file's, to this load's. */
    void addAll(Problems other) {
        errors.addAll(other.errors);
        warnings.addAll(other.warnings);
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
