package dev.swapdeck.config;

import java.util.List;
import java.util.stream.Stream;

/** A configuration that cannot be used; carries every problem found, not just the first. */
public final class ConfigException extends Exception {
    private final List<ConfigProblem> problems;
    private final List<ConfigProblem> warnings;

    public ConfigException(List<ConfigProblem> problems) {
        this(problems, List.of());
    }

    /** {@code warnings}: what was found besides, shown with the errors where there is room (the editor). */
    public ConfigException(List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        super(String.join("\n", report(problems, warnings)));
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Every problem, then every warning found with them marked as one, a line each: what a terminal, a
     * reload's answer and the log show. A warning can be the cause: a key with a stray character in its
     * indentation is an unknown key, and its model then has no settings and is left out.
     */
    public List<String> report() {
        return report(problems, warnings);
    }

    private static List<String> report(List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        return Stream.concat(problems.stream().map(ConfigProblem::toString),
                warnings.stream().map(warning -> "warning: " + warning)).toList();
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The warnings found up to the errors (a load stops at the first section with errors). */
    public List<ConfigProblem> warnings() {
        return warnings;
    }
}
