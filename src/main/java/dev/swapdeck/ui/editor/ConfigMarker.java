package dev.swapdeck.ui.editor;

import dev.swapdeck.config.ConfigProblem;

/**
 * One validation finding, placed in the editor at its 1-based line and column (0 when unknown).
 *
 * @param error      an error makes the file unusable; otherwise it is a warning the file still loads with
 * @param inThisFile whether it is about the file in the editor; one about another file of the same
 *                   folder is listed with that file's name and placed nowhere
 */
public record ConfigMarker(ConfigProblem problem, boolean error, boolean inThisFile) {

    /** A finding about the file in the editor. */
    public ConfigMarker(ConfigProblem problem, boolean error) {
        this(problem, error, true);
    }

    public int line() {
        return inThisFile ? problem.line() : 0;
    }

    public int column() {
        return inThisFile ? problem.column() : 0;
    }

    /**
     * {@code 4:10 error  models.x.ttl: expected ...}, or {@code error in 20-models.yaml:3:10  models...}
     * for another file: how the problems list shows it.
     */
    public String summary() {
        String kind = error ? "error" : "warning";
        String what = problem.key().isEmpty() ? problem.message() : problem.key() + ": " + problem.message();
        if (inThisFile) {
            return problem.line() + ":" + problem.column() + " " + kind + "  " + what;
        }
        String name = problem.file().substring(problem.file().lastIndexOf('/') + 1);
        String at = problem.line() > 0 ? ":" + problem.line() + ":" + problem.column() : "";
        return kind + " in " + name + at + "  " + what;
    }
}
