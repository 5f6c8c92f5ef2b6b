package dev.swapdeck.ui.logs;

import dev.swapdeck.logging.LogLine;
import dev.swapdeck.logging.LogStream;
import dev.swapdeck.ui.StyleClasses;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of a log pane: text runs with their style classes. Proxy lines show time, level and
 * message; upstream lines show what the process printed (ANSI colours kept as classes), prefixed with
 * the model when the pane mixes several models.
 * <p>
 * The runs are built when first asked for, not when the line arrives: a pane keeps thousands of
 * lines and a flood brings thousands per batch, but only the few rows on screen are ever drawn.
 * Building them is idempotent, so a line read by two threads at most builds its runs twice.
 */
public final class StyledLine {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final LogLine source;
    private final boolean withModel;
    /** The line's model as its prefix shows it (see {@link ModelPrefixes}); null for a line of none. */
    private final String modelShown;
    private volatile List<AnsiText.Run> runs;

    private StyledLine(LogLine source, boolean withModel, String modelShown, List<AnsiText.Run> runs) {
        this.source = source;
        this.withModel = withModel;
        this.modelShown = modelShown;
        this.runs = runs;
    }

    /**
     * {@code line} as a pane shows it; with {@code withModel}, an upstream line names its model. A
     * model's name is shortened as {@code prefixes} shortens it.
     */
    static StyledLine of(LogLine line, boolean withModel, ModelPrefixes prefixes) {
        return new StyledLine(line, withModel, line.model() == null ? null : prefixes.of(line.model()), null);
    }

    /** A marker line saying that the window missed lines. */
    public static StyledLine dropped(long count) {
        String text = "… " + count + " events dropped: the window could not keep up; the full history is at /logs";
        return new StyledLine(null, false, null, List.of(new AnsiText.Run(text, List.of(StyleClasses.LOG_DROPPED))));
    }

    /** The line's text runs, in order, each with its style classes. */
    public List<AnsiText.Run> runs() {
        List<AnsiText.Run> built = runs;
        if (built == null) {
            built = List.copyOf(build());
            runs = built;
        }
        return built;
    }

    public String text() {
        String model = source == null ? null : source.model();
        StringBuilder out = new StringBuilder();
        for (AnsiText.Run run : runs()) {
            // copied lines name the model whole, though the pane shortens a long id
            boolean prefix = model != null && run.styles().contains(StyleClasses.LOG_MODEL);
            out.append(prefix ? run.text().replace(modelShown, model) : run.text());
        }
        return out.toString();
    }

    /** A proxy line's time as its row shows it. */
    static String time(LogLine line) {
        return TIME.format(LocalDateTime.ofInstant(line.at(), ZoneId.systemDefault()));
    }

    private List<AnsiText.Run> build() {
        LogLine line = source;
        String level = StyleClasses.level(line.level());
        List<AnsiText.Run> runs = new ArrayList<>();
        if (line.stream() == LogStream.PROXY) {
            runs.add(new AnsiText.Run(time(line) + " ", List.of(StyleClasses.LOG_TIME)));
            runs.add(new AnsiText.Run(String.format(Locale.ROOT, "%-5s ", line.level()), List.of(StyleClasses.LOG_LEVEL_TAG, level)));
            if (line.model() != null) {
                runs.add(new AnsiText.Run(modelShown + ": ", List.of(StyleClasses.LOG_MODEL)));
            }
            runs.add(new AnsiText.Run(AnsiText.strip(line.text()), List.of(level)));
            return runs;
        }
        if (withModel && line.model() != null) {
            runs.add(new AnsiText.Run("[" + modelShown + "] ", List.of(StyleClasses.LOG_MODEL)));
        }
        for (AnsiText.Run run : AnsiText.parse(line.text())) {
            List<String> styles = new ArrayList<>(run.styles().size() + 1);
            styles.add(level);
            styles.addAll(run.styles());
            runs.add(new AnsiText.Run(run.text(), styles));
        }
        return runs;
    }
}
