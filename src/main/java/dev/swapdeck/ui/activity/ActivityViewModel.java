package dev.swapdeck.ui.activity;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.ui.HeldActivity;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
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
    /** The most models a chart draws: one per colour of its palette. */
    static final int CHARTED_MODELS = TimeChart.SERIES_STYLES;

    private final int maxRows;
    private final int maxPoints;
    private final ZoneId zone;
    private final ObservableList<ActivityRow> rows = FXCollections.observableArrayList();
    /** How many rows each model has: a long id is shortened to what tells it from the others there. */
    private final Map<String, Integer> rowsPerModel = new HashMap<>();
    private final ObservableList<TimeSeries> speedSeries = FXCollections.observableArrayList();
    /**
     * The models the charts draw, each with its colour (one model, one colour in both charts), least
     * recently charted first: at most one model per colour of the palette, so no two lines share one
     * and the legend leaves the plot its room. A model past that takes the colour of the one charted
     * longest ago, whose lines leave both charts.
     */
    private final LinkedHashMap<String, Integer> charted = new LinkedHashMap<>(16, 0.75f, true);
    private boolean chartsLeftSomeOut;
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
        Map<String, NewPoints> points = new LinkedHashMap<>();
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
                points.computeIfAbsent(record.model(), m -> new NewPoints()).speeds.add(new Point2D(x, speed.getAsDouble()));
            }
            record.timeToFirstToken().ifPresent(ttft -> points.computeIfAbsent(record.model(), m -> new NewPoints())
                    .firstTokens.add(new Point2D(x, ttft.toMillis())));
        }
        if (newRows.isEmpty()) {
            return;
        }
        List<ActivityRow> kept = newRows.size() > maxRows ? newRows.subList(0, maxRows) : newRows;
        kept.forEach(row -> rowsPerModel.merge(row.model(), 1, Integer::sum));
        rows.addAll(0, kept);
        if (rows.size() > maxRows) {
            List<ActivityRow> oldest = rows.subList(maxRows, rows.size());
            oldest.forEach(row -> rowsPerModel.computeIfPresent(row.model(), (model, n) -> n == 1 ? null : n - 1));
            oldest.clear();
        }
        points.forEach((model, added) -> {
            // charted once per batch, with both its series: a batch of more models than colours ends with the last ones drawn
            Integer colour = charted.get(model);
            int drawnIn = colour != null ? colour : chart(model);
            append(speedSeries, speedByModel, model, drawnIn, added.speeds);
            append(firstTokenSeries, firstTokenByModel, model, drawnIn, added.firstTokens);
        });
        summary.set(total + (total == 1 ? " request" : " requests") + " since the window opened"
                + (total > rows.size() ? "; the newest " + rows.size() + " shown" : "")
                + (chartsLeftSomeOut ? "; the charts draw the " + CHARTED_MODELS + " models that answered last" : ""));
    }

    /** A batch's points of one model, oldest first. */
    private static final class NewPoints {
        final List<Point2D> speeds = new ArrayList<>();
        final List<Point2D> firstTokens = new ArrayList<>();
    }

    private void append(ObservableList<TimeSeries> all, Map<String, TimeSeries> byModel,
                        String model, int colour, List<Point2D> points) {
        if (points.isEmpty()) {
            return;
        }
        TimeSeries series = byModel.computeIfAbsent(model, m -> {
            TimeSeries created = new TimeSeries(m, colour);
            all.add(created);
            return created;
        });
        ObservableList<Point2D> data = series.points();
        if (!inTimeOrder(data, points)) {
            // a request that arrived before others ended after them (a long answer), or the clock went
            // back: a line joins its points in time order, never back across the chart
            List<Point2D> merged = new ArrayList<>(data);
            merged.addAll(points);
            merged.sort(Comparator.comparingDouble(Point2D::getX));
            data.setAll(merged.subList(Math.max(0, merged.size() - maxPoints), merged.size()));
            return;
        }
        List<Point2D> kept = points.size() > maxPoints
                ? points.subList(points.size() - maxPoints, points.size()) : points;
        int excess = data.size() + kept.size() - maxPoints;
        if (excess > 0) {
            data.remove(0, excess);
        }
        data.addAll(kept);
    }

    /** Whether {@code added}, after {@code points}, keeps their times in order. */
    private static boolean inTimeOrder(List<Point2D> points, List<Point2D> added) {
        double last = points.isEmpty() ? Double.NEGATIVE_INFINITY : points.get(points.size() - 1).getX();
        for (Point2D point : added) {
            if (point.getX() < last) {
                return false;
            }
            last = point.getX();
        }
        return true;
    }

    /** Gives {@code model} a colour of its own, taken from the model charted longest ago when none is free. */
    private int chart(String model) {
        int colour = charted.size();
        if (colour == CHARTED_MODELS) {
            Map.Entry<String, Integer> eldest = charted.entrySet().iterator().next();
            colour = eldest.getValue();
            charted.remove(eldest.getKey());
            speedSeries.remove(speedByModel.remove(eldest.getKey()));
            firstTokenSeries.remove(firstTokenByModel.remove(eldest.getKey()));
            chartsLeftSomeOut = true;
        }
        charted.put(model, colour);
        return colour;
    }

    /** The recent requests, newest first, at most {@link #maxRows()}. */
    public ObservableList<ActivityRow> rows() {
        return rows;
    }

    /** The models of the rows now held, each once. */
    public Collection<String> modelsInRows() {
        return Collections.unmodifiableSet(rowsPerModel.keySet());
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
