package dev.swapdeck.ui.logs;

import dev.swapdeck.logging.LogLine;
import dev.swapdeck.logging.LogStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The view-model of one log pane: which lines it keeps, which of them the filter lets through, and
 * how many it missed. Bounded: it retains at most {@code capacity} lines, so hours of output cost the
 * same memory as minutes. Not thread-safe; the FX thread (or a test) owns it.
 */
public final class LogPaneModel {
    /** Lines a pane keeps; older ones are trimmed. */
    public static final int DEFAULT_CAPACITY = 5_000;
    /** The model-chooser value meaning "every model". */
    public static final String ALL_MODELS = "*";

    private final LogStream stream;
    private final int capacity;
    private final Function<String, List<LogLine>> modelHistory;
    private final ArrayDeque<LogLine> retained = new ArrayDeque<>();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<String> model = new SimpleObjectProperty<>(this, "model", ALL_MODELS);
    private final LongProperty dropped = new SimpleLongProperty(this, "dropped");
    private final ObservableList<String> modelChoices = FXCollections.observableArrayList(ALL_MODELS);
    private final ModelPrefixes prefixes = new ModelPrefixes();
    private long seededUpTo;
    /** The newest line this pane has taken in, and the newest when it was last cleared: none older comes back. */
    private long newestSeen;
    private long clearedUpTo;

    /**
     * @param modelHistory one model's full history (the engine keeps it), used when the user picks a
     *                     model whose older lines this pane has already trimmed
     */
    public LogPaneModel(LogStream stream, int capacity, Function<String, List<LogLine>> modelHistory) {
        this.stream = stream;
        this.capacity = capacity;
        this.modelHistory = modelHistory;
    }

    public LogStream stream() {
        return stream;
    }

    public int capacity() {
        return capacity;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** {@link #ALL_MODELS} or one model id. */
    public ObjectProperty<String> modelProperty() {
        return model;
    }

    public ReadOnlyLongProperty droppedProperty() {
        return dropped;
    }

    public ObservableList<String> modelChoices() {
        return FXCollections.unmodifiableObservableList(modelChoices);
    }

    /** The models configured: a long id in a line's prefix is shortened to what tells it from them. */
    public void setKnownModels(List<String> ids) {
        prefixes.setIds(ids);
    }

    /** The models the chooser offers besides every model (and {@link #setKnownModels} the same). */
    public void setModelChoices(List<String> ids) {
        List<String> choices = new ArrayList<>(ids.size() + 1);
        choices.add(ALL_MODELS);
        choices.addAll(ids);
        setKnownModels(ids);
        if (!choices.equals(modelChoices)) {
            modelChoices.setAll(choices);
        }
        if (!modelChoices.contains(chosenModel()) || model.get() == null) {
            model.set(ALL_MODELS);
        }
    }

    /**
     * Fills the pane with the history recorded before the window subscribed. Live lines up to the
     * newest seeded one are then ignored, since the history already holds them.
     */
    public void seed(List<LogLine> history) {
        for (LogLine line : history) {
            retain(line);
            seededUpTo = Math.max(seededUpTo, line.seq());
        }
    }

    /**
     * Takes one batch from the bridge and answers the lines the view should append, in order:
     * the lines that pass the filter, preceded by a marker when {@code droppedNow} events were lost.
     */
    public List<StyledLine> accept(List<LogLine> batch, long droppedNow) {
        List<StyledLine> out = new ArrayList<>();
        if (droppedNow > 0) {
            dropped.set(dropped.get() + droppedNow);
            out.add(StyledLine.dropped(droppedNow));
        }
        LineFilter shown = lineFilter();
        int skip = Math.max(0, batch.size() - capacity);
        for (int i = skip; i < batch.size(); i++) {
            LogLine line = batch.get(i);
            if (line.stream() != stream || line.seq() <= seededUpTo) {
                continue;
            }
            retain(line);
            if (shown.passes(line)) {
                out.add(StyledLine.of(line, shown.everyModel(), prefixes));
            }
        }
        return out;
    }

    /** Every retained line the filter lets through (at most {@code capacity}), for a full redraw. */
    public List<StyledLine> visible() {
        List<LogLine> source = new ArrayList<>(retained);
        LineFilter shown = lineFilter();
        if (!shown.everyModel()) {
            List<LogLine> history = modelHistory.apply(shown.model()).stream()
                    .filter(line -> line.seq() > clearedUpTo).toList();
            source = mergeWithHistory(source, history);
        }
        List<StyledLine> out = new ArrayList<>();
        for (LogLine line : source) {
            if (shown.passes(line)) {
                out.add(StyledLine.of(line, shown.everyModel(), prefixes));
            }
        }
        return out.size() <= capacity ? out : out.subList(out.size() - capacity, out.size());
    }

    /**
     * Forgets what the pane shows: a model chosen later shows none of it from the engine's history,
     * which keeps it untouched.
     */
    public void clear() {
        clearedUpTo = newestSeen;
        retained.clear();
        dropped.set(0);
    }

    public boolean matches(LogLine line) {
        return lineFilter().passes(line);
    }

    /** The chooser and filter as they stand, read once for a whole batch. */
    private LineFilter lineFilter() {
        String needle = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
        return new LineFilter(chosenModel(), needle);
    }

    /** A chooser briefly reports no value while its items are replaced; that means every model. */
    private String chosenModel() {
        String chosen = model.get();
        return chosen == null ? ALL_MODELS : chosen;
    }

    private void retain(LogLine line) {
        newestSeen = Math.max(newestSeen, line.seq());
        retained.addLast(line);
        while (retained.size() > capacity) {
            retained.removeFirst();
        }
    }

    /**
     * Which lines a pane shows: those of {@code model} (or of every model) where {@code needle} is in
     * what the row shows: its text, its model, and a proxy line's level and time ("error", "12:04").
     */
    private record LineFilter(String model, String needle) {
        boolean everyModel() {
            return ALL_MODELS.equals(model);
        }

        boolean passes(LogLine line) {
            if (!everyModel() && !model.equals(line.model())) {
                return false;
            }
            return needle.isEmpty() || AnsiText.strip(line.text()).toLowerCase(Locale.ROOT).contains(needle)
                    || line.model() != null && line.model().toLowerCase(Locale.ROOT).contains(needle)
                    || line.stream() == LogStream.PROXY && inPrefix(line);
        }

        private boolean inPrefix(LogLine line) {
            return line.level().name().toLowerCase(Locale.ROOT).contains(needle)
                    || needle.chars().anyMatch(Character::isDigit) && StyledLine.time(line).contains(needle);
        }
    }

    /** The model's engine-side history followed by any retained line newer than it. */
    private static List<LogLine> mergeWithHistory(List<LogLine> retainedLines, List<LogLine> history) {
        long newest = history.isEmpty() ? Long.MIN_VALUE : history.get(history.size() - 1).seq();
        List<LogLine> merged = new ArrayList<>(history);
        for (LogLine line : retainedLines) {
            if (line.seq() > newest) {
                merged.add(line);
            }
        }
        return merged;
    }
}
