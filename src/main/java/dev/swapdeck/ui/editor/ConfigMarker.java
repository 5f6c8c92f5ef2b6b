package dev.swapdeck.ui.editor;

import dev.swapdeck.config.ConfigProblem;

/**
 * One validation finding, placed in the editor at its 1-based line and column (0 when unknown).
 *
 * @param error an error makes the file unusable; otherwise it is a warning the file still loads with
 */
public record ConfigMarker(ConfigProblem problem, boolean error) {

    public int line() {
        return problem.line();
    }

    public int column() {
        return problem.column();
    }

    /** {@code 4:10 error  models.x.ttl: expected ...}: how the problems list shows it. */
    public String summary() {
        return problem.line() + ":" + problem.column() + " " + (error ? "error" : "warning") + "  "
                + problem.key() + ": " + problem.message();
    }
}
