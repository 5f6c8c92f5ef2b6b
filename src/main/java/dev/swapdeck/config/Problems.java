package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

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
    /** Each file's text as written, to place a problem inside a value that spans lines. */
    private final Map<String, String> texts;

    Problems(String file) {
        this(file, new IdentityHashMap<>(), new ArrayList<>(), new ArrayList<>(), "", new HashMap<>());
    }

    private Problems(String file, Map<Mark, String> origins, List<ConfigProblem> errors, List<ConfigProblem> warnings,
            String downgradeNote, Map<String, String> texts) {
        this.file = file;
        this.origins = origins;
        this.texts = texts;
        this.errors = errors;
        this.warnings = warnings;
        this.downgradeNote = downgradeNote;
    }

    /**
     * The same collection, seen through a view that records errors as warnings ending in {@code note}:
     * for a section that is read but not in use, whose mistakes must not stop the file from loading.
     */
    Problems errorsAsWarnings(String note) {
        return new Problems(file, origins, warnings, warnings, " (" + note + ")", texts);
    }

    /** Records the text of {@code fileName}, as its nodes' marks count it. */
    void text(String fileName, String text) {
        texts.put(fileName, text);
    }

    /** Records that every node of {@code root} was read from {@code fileName}. */
    void origin(Node root, String fileName) {
        YamlTrees.forEach(root, node -> origins.put(node.getStartMark(), fileName));
    }

    /** Where {@code node} was written, as {@code file:line:column}. */
    String where(Node node) {
        return origins.getOrDefault(node.getStartMark(), file) + ":" + (node.getStartMark().getLine() + 1) + ":"
                + (node.getStartMark().getColumn() + 1);
    }

    void error(Node at, String key, String message) {
        errors.add(problem(at == null ? null : at.getStartMark(), key, message + downgradeNote));
    }

    /**
     * An error about {@code written}, a piece of {@code at}'s value as the file holds it (a macro's
     * reference, say): placed where it stands in the file, which in a {@code |} or {@code >} block is
     * lines below the node's start; at the node's start when the file's text does not hold it there.
     */
    void error(Node at, String written, String key, String message) {
        String name = origins.getOrDefault(at.getStartMark(), file);
        String text = texts.get(name);
        int found = -1;
        if (text != null && at.getEndMark() != null && at.getEndMark().getIndex() <= text.codePointCount(0, text.length())) {
            int from = text.offsetByCodePoints(0, at.getStartMark().getIndex());
            int to = text.offsetByCodePoints(0, at.getEndMark().getIndex());
            found = text.indexOf(written, from);
            found = found + written.length() <= to ? found : -1;
        }
        if (found < 0) {
            error(at, key, message);
            return;
        }
        TextPosition position = TextPosition.at(text, found);
        errors.add(new ConfigProblem(name, position.line(), position.column(), key, message + downgradeNote));
    }

    /**
     * The comment YAML found after {@code at} on the line where it ends ({@code # ...}), when {@code at}
     * is a plain scalar: a plain value ends at a blank followed by {@code #}, which may have been meant
     * as part of the value (a shell's {@code #} inside quotes, say).
     */
    Optional<String> commentAfter(Node at) {
        String text = texts.get(origins.getOrDefault(at.getStartMark(), file));
        if (!(at instanceof ScalarNode scalar) || scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN
                || text == null || at.getEndMark() == null
                || at.getEndMark().getIndex() > text.codePointCount(0, text.length())) {
            return Optional.empty();
        }
        int end = text.offsetByCodePoints(0, at.getEndMark().getIndex());
        int lineEnd = text.indexOf('\n', end);
        String rest = text.substring(end, lineEnd < 0 ? text.length() : lineEnd);
        String comment = rest.strip();
        return comment.startsWith("#") && rest.length() > comment.length() ? Optional.of(comment) : Optional.empty();
    }

    /**
     * For a message about {@code at}, the value of {@code key}: a note on the comment YAML cut from it
     * ({@link #commentAfter}), or "" when there is none.
     */
    String commentNote(Node at, String key) {
        return commentAfter(at).map(comment -> "; note that YAML read \"" + comment + "\" as a comment, not as part of "
                + key + " (a plain value ends at a blank followed by #): to keep it, write " + key
                + " as a block (" + key + ": |, then the command on the next lines)").orElse("");
    }

    void error(Mark at, String key, String message) {
        errors.add(problem(at, key, message + downgradeNote));
    }

    /** An error at a known place with no node, e.g. 1:1 for an empty file. */
    void error(int line, int column, String key, String message) {
        errors.add(new ConfigProblem(file, line, column, key, message + downgradeNote));
    }

    void warn(Node at, String key, String message) {
        warn(at == null ? null : at.getStartMark(), key, message);
    }

    void warn(Mark at, String key, String message) {
        warnings.add(problem(at, key, message));
    }

    /** Adds the errors and warnings of {@code other}, one file's, to this load's. */
    void addAll(Problems other) {
        errors.addAll(other.errors);
        warnings.addAll(other.warnings);
    }

    int errorCount() {
        return errors.size();
    }

    int warningCount() {
        return warnings.size();
    }

    /** The first warning recorded after {@code count} were, as {@code key: message} without this view's note. */
    Optional<String> warningAfter(int count) {
        return warnings.size() <= count ? Optional.empty() : Optional.of(warnings.get(count)).map(w -> w.key() + ": "
                + (w.message().endsWith(downgradeNote) ? w.message().substring(0, w.message().length()
                - downgradeNote.length()) : w.message()));
    }

    List<ConfigProblem> warnings() {
        return sorted(warnings);
    }

    /** Throws every error found so far, in file order; does nothing when there is none. */
    void throwIfAny() throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(sorted(errors), warnings == errors ? List.of() : sorted(warnings));
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
