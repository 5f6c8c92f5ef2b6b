package dev.swapdeck.ui;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.process.ProcessState;
import java.util.Locale;

/**
 * Every style-class name the window's CSS styles, in one place, so Java and CSS cannot drift apart
 * silently: {@code app.css} uses exactly these names. State badges and log levels are style classes,
 * never inline styles.
 */
public final class StyleClasses {
    public static final String APP_ROOT = "app-root";
    public static final String BADGE = "badge";
    /** A long, selectable error text: a last error, a startup failure. */
    public static final String ERROR_DETAIL = "error-detail";
    public static final String DIALOG_BUTTONS = "dialog-buttons";
    /** A stopped model whose last start failed or whose process crashed. */
    public static final String STATE_FAILED = "state-failed";
    /** A model of {@code peers:}, served by another machine. */
    public static final String STATE_REMOTE = "state-remote";
    public static final String START_PROGRESS = "start-progress";
    public static final String PRIMARY = "primary";
    public static final String DANGER = "danger";
    /** A compact button, for table rows and the status bar. */
    public static final String SMALL = "small";
    public static final String BANNER = "banner";
    public static final String DEMO_BANNER = "demo-banner";
    public static final String ERROR_BANNER = "error-banner";
    public static final String STATUS_BAR = "status-bar";
    public static final String STATUS_URL = "status-url";
    public static final String MUTED = "muted";
    public static final String MODEL_CELL = "model-cell";
    public static final String MODEL_NAME = "model-name";
    public static final String MODEL_FACTS = "model-facts";
    public static final String RULE_CELL = "rule-cell";
    public static final String DETAIL_KEY = "detail-key";
    public static final String DETAIL_VALUE = "detail-value";
    public static final String ACTIVE_PROFILE = "active-profile";
    public static final String SECTION_TITLE = "section-title";
    public static final String TOOLBAR = "app-toolbar";
    public static final String MEMORY_MODEL = "memory-model";
    public static final String MEMORY_OTHER = "memory-other";
    public static final String MEMORY_FREE = "memory-free";

    public static final String LOG_PANE = "log-pane";
    public static final String LOG_AREA = "log-area";
    public static final String LOG_ROW = "log-row";
    public static final String LOG_TIME = "log-time";
    public static final String LOG_MODEL = "log-model";
    public static final String LOG_DROPPED = "log-dropped";
    public static final String LOG_MODEL_CHOOSER = "log-model-chooser";
    public static final String LOG_LEVEL_TAG = "log-level-tag";
    /** The pane behind a log run with an ANSI background colour ({@code ansi-bg-N} beside it). */
    public static final String LOG_RUN_BACKGROUND = "log-run-bg";

    private StyleClasses() {
    }

    /** {@code state-stopped}, {@code state-starting}, {@code state-ready}, ... */
    public static String state(ProcessState state) {
        return "state-" + state.label();
    }

    /** {@code log-debug}, {@code log-info}, {@code log-warn}, {@code log-error}. */
    public static String level(LogLevel level) {
        return "log-" + level.name().toLowerCase(Locale.ROOT);
    }
}
