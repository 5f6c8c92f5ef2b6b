package dev.swapdeck.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used; carries every problem found, not just the first. */
public final class ConfigException extends Exception {
    private final List<ConfigProblem> problems;
    private final List<ConfigProblem> warnings;

    public ConfigException(List<ConfigProblem> problems) {
        this(problems, List.of());
    }

    /** {@code warnings}: what was found besides, shown with the errors where there is room (the editor). */
    public ConfigException(List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The warnings found up to the errors (a load stops at the first section with errors). */
    public List<ConfigProblem> warnings() {
        return warnings;
    }
}
