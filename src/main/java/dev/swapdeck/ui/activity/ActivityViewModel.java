package dev.swapdeck.ui.activity;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.ui.HeldActivity;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;

/**
 * The Activity view's state: the recent requests, newest first, and per model a series of speed
 * (tokens/s) and one of time to first token (ms) over time. Fed in batches, one per FX pulse
 * ({@link #accept}), so a burst of requests costs one change per list, not one per record. Everything
 * is bounded: {@link #maxRows} rows, {@link #maxPoints} points per series. A record seen before
 * (by its sequence number) is ignored, so the seed from the log and the live events may overlap.
 * FX thread only.
 */
public final class ActivityViewModel {
    public static final int DEFAULT_ROWS = 500;
    public static final int DEFAULT_POINTS = 120;

    private final int maxRows;
    private final int maxPoints;
    private final ZoneId zone;
    private final ObservableList<ActivityRow> rows = FXCollections.observableArrayList();
    private final ObservableList<TimeSeries> speedSeries = FXCollections.observableArrayList();
    /** Each model's colour, by first appearance in either chart: one model, one colour in both. */
    private final Map<String, Integer> colours = new HashMap<>();
    private final ObservableList<TimeSeries> firstTokenSeries = FXCollections.observableArrayList();
    private final Map<String, TimeSeries> speedByModel = new HashMap<>();
    private final Map<String, TimeSeries> firstTokenByModel = new HashMap<>();
    private final Map<String, Double> lastSpeed = new HashMap<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No requests yet.");
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);
    private final HeldActivity held;
    private long lastSeq;
    private long total;

    public ActivityViewModel(int maxRows, int maxPoints, ZoneId zone) {
        if (maxRows < 1 || maxPoints < 1) {
            throw new IllegalArgumentException("bounds must be positive: " + maxRows + ", " + maxPoints);
        }
        this.maxRows = maxRows;
        this.maxPoints = maxPoints;
        this.zone = zone;
        // a model's newest maxRows records cover its rows, its newest maxPoints its points
        held = new HeldActivity(Math.max(maxRows, maxPoints));
        shown.addListener((obs, was, now) -> {
            if (now) {
                HeldActivity.Held batch = held.drain();
                total += batch.dropped();
                accept(batch.kept());
            }
        });
    }

    /**
     * Whether the view is on screen. While it is not, records are held ({@link HeldActivity}) and
     * no row, point or summary changes: a hidden view whose nodes change costs a whole-window
     * repaint (see {@code ModelsViewModel#shownProperty}). Shown again, it takes them as one batch.
     */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** Takes one batch of records, oldest first, as the bridge drained them in one pulse. */
    public void accept(List<ActivityRecord> batch) {
        if (!shown.get()) {
            for (ActivityRecord record : batch) {
                if (record.seq() > lastSeq) {
                    held.add(record);
                    record.tokensPerSecond().ifPresent(speed -> lastSpeed.put(record.model(), speed));
                }
            }
            return;
        }
        List<ActivityRow> newRows = new ArrayList<>();
        Map<String, List<Point2D>> speeds = new LinkedHashMap<>();
        Map<String, List<Point2D>> firstTokens = new LinkedHashMap<>();
        for (ActivityRecord record : batch) {
            if (record.seq() <= lastSeq) {
                continue;
            }
            lastSeq = record.seq();
            total++;
            newRows.add(0, ActivityRow.of(record, zone));
            double x = record.at().toEpochMilli() / 1000.0;
            OptionalDouble speed = record.tokensPerSecond();
            if (speed.isPresent()) {
                lastSpeed.put(record.model(), speed.getAsDouble());
                speeds.computeIfAbsent(record.model(), m -> new ArrayList<>())
                        .add(new Point2D(x, speed.getAsDouble()));
            }
            record.timeToFirstToken().ifPresent(ttft -> firstTokens
                    .computeIfAbsent(record.model(), m -> new ArrayList<>())
                    .add(new Point2D(x, ttft.toMillis())));
        }
        if (newRows.isEmpty()) {
            return;
        }
        rows.addAll(0, newRows.size() > maxRows ? newRows.subList(0, maxRows) : newRows);
        if (rows.size() > maxRows) {
            rows.remove(maxRows, rows.size());
        }
        speeds.forEach((model, points) -> append(speedSeries, speedByModel, model, points));
        firstTokens.forEach((model, points) -> append(firstTokenSeries, firstTokenByModel, model, points));
        summary.set(total + (total == 1 ? " request" : " requests") + " since the window opened"
                + (total > rows.size() ? "; the newest " + rows.size() + " shown" : ""));
    }

    private void append(ObservableList<TimeSeries> all, Map<String, TimeSeries> byModel,
                        String model, List<Point2D> points) {
        TimeSeries series = byModel.computeIfAbsent(model, m -> {
            TimeSeries created = new TimeSeries(m, colours.computeIfAbsent(m, first -> colours.size()));
            all.add(created);
            return created;
        });
        List<Point2D> kept = points.size() > maxPoints
                ? points.subList(points.size() - maxPoints, points.size()) : points;
        ObservableList<Point2D> data = series.points();
        int excess = data.size() + kept.size() - maxPoints;
        if (excess > 0) {
            data.remove(0, excess);
        }
        data.addAll(kept);
    }

    /** The recent requests, newest first, at most {@link #maxRows()}. */
    public ObservableList<ActivityRow> rows() {
        return rows;
    }

    /** Tokens per second over time (x: epoch seconds), one series per model. */
    public ObservableList<TimeSeries> speedSeries() {
        return speedSeries;
    }

    /** Time to first token in ms over time (x: epoch seconds), one series per model. */
    public ObservableList<TimeSeries> firstTokenSeries() {
        return firstTokenSeries;
    }

    /** The speed of {@code model}'s latest request that reported one. */
    public OptionalDouble lastSpeed(String model) {
        Double speed = lastSpeed.get(model);
        return speed == null ? OptionalDouble.empty() : OptionalDouble.of(speed);
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public int maxRows() {
        return maxRows;
    }

    public int maxPoints() {
        return maxPoints;
    }
}
