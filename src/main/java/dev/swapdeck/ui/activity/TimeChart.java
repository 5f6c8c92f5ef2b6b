package dev.swapdeck.ui.activity;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Polyline;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * A live chart of one figure over time, a line per series, made of a fixed handful of nodes: per
 * series a polyline and one path of point marks, one grid path, reused tick labels, a title and a
 * legend. JavaFX's {@code LineChart} adds a styled node per point and styles and lays out the chart
 * anew for each; in the window benchmark its two charts took a third of the longest pulse under a
 * log flood. Here a batch of points costs one layout that only moves geometry. The x axis shows
 * times (epoch seconds, written by {@link #setTimeFormat}); the y axis starts at zero.
 * <p>
 * Styled by the stylesheet: {@code .chart-title}, {@code .chart-legend} ({@link ChartLegend}),
 * {@code .plot-background}, {@code .chart-empty} (the text shown while there is no point),
 * {@code .grid}, {@code .tick-label}, {@code .series-line}, {@code .series-marks},
 * {@code .legend-item} (a {@code .series-swatch} and a {@code .legend-text}), and {@code .series-0}
 * to {@code .series-7} on each series' nodes and legend item, which define the looked-up colour
 * {@code -sd-series}. Nodes are plain shapes and texts, not controls, so a new series makes no skin.
 * FX thread only.
 */
public final class TimeChart extends Region {
    static final int SERIES_STYLES = 8;
    static final double GAP = 4;
    private static final double MARK = 2.5;
    /** Points closer in time than this are spread over this many seconds, so one point sits mid-chart. */
    private static final double MIN_SPAN_SECONDS = 10;
    private static final double PIXELS_PER_TIME_TICK = 90;
    private static final int VALUE_TICKS = 4;
    /** Value labels stand at least this many lines of their text apart. */
    private static final double LABEL_SPACING = 1.6;
    /** The plot's least height under a legend, in lines of tick-label text. */
    private static final double MIN_PLOT_LINES = 3;
    private static final int TIME_LABELS = 8;

    private final Label title = new Label();
    private final Label emptyText = new Label();
    private final ChartLegend legend = new ChartLegend();
    private final Region plot = new Region();
    private final Path grid = new Path();
    private final Group lines = new Group();
    private final TickLabels valueLabels = new TickLabels(VALUE_TICKS + 2);
    private final TickLabels timeLabels = new TickLabels(TIME_LABELS);
    private final List<TimeSeries> shown = new ArrayList<>();
    private final ListChangeListener<Point2D> pointsChanged = change -> requestLayout();
    private final ListChangeListener<TimeSeries> seriesChanged = change -> showSeries();
    private ObservableList<TimeSeries> data = FXCollections.observableArrayList();
    private DoubleFunction<String> timeFormat = seconds -> String.format(Locale.ROOT, "%.0f", seconds);
    private ZoneId timeZone = ZoneOffset.UTC;

    public TimeChart() {
        getStyleClass().add("time-chart");
        title.getStyleClass().add("chart-title");
        plot.getStyleClass().add("plot-background");
        grid.getStyleClass().add("grid");
        emptyText.getStyleClass().add("chart-empty");
        emptyText.setWrapText(true);
        emptyText.setTextAlignment(TextAlignment.CENTER);
        getChildren().addAll(plot, grid, lines, valueLabels, timeLabels, title, legend, emptyText);
        data.addListener(seriesChanged);
    }

    public String getTitle() {
        return title.getText();
    }

    public void setTitle(String text) {
        title.setText(text);
    }

    public String getEmptyText() {
        return emptyText.getText();
    }

    /** What the plot says while it has no point: what will appear there, and when. */
    public void setEmptyText(String text) {
        emptyText.setText(text);
    }

    /** The series shown, in legend order. */
    public ObservableList<TimeSeries> getData() {
        return data;
    }

    public void setData(ObservableList<TimeSeries> series) {
        data.removeListener(seriesChanged);
        data = series;
        data.addListener(seriesChanged);
        showSeries();
    }

    /** How the x axis writes a time given in epoch seconds, and the zone whose round times its ticks fall on. */
    public void setTimeFormat(DoubleFunction<String> format, ZoneId zone) {
        timeFormat = format;
        timeZone = zone;
        requestLayout();
    }

    /** The text of the tick labels on screen, values first, then times; for tests. */
    List<String> tickLabels() {
        List<String> texts = new ArrayList<>(valueLabels.texts());
        texts.addAll(timeLabels.texts());
        return texts;
    }

    /** Rebuilds the per-series nodes and legend: only when a series comes or goes. */
    private void showSeries() {
        shown.forEach(series -> series.points().removeListener(pointsChanged));
        shown.clear();
        shown.addAll(data);
        lines.getChildren().clear();
        legend.show(shown);
        for (int i = 0; i < shown.size(); i++) {
            TimeSeries series = shown.get(i);
            series.points().addListener(pointsChanged);
            String style = "series-" + series.colour() % SERIES_STYLES;
            Polyline line = new Polyline();
            line.getStyleClass().add("series-line");
            Path marks = new Path();
            marks.getStyleClass().add("series-marks");
            Group group = new Group(line, marks);
            group.getStyleClass().add(style);
            lines.getChildren().add(group);
        }
        requestLayout();
    }

    /**
     * The least a plot keeps under the legend, with the axis labels around it: room for two value
     * labels apart, so that a short chart shortens its legend's names rather than its plot.
     */
    private double plotAndAxesMinHeight() {
        double textHeight = valueLabels.lineHeight();
        return (textHeight + GAP) + (GAP + textHeight / 2) + MIN_PLOT_LINES * textHeight;
    }

    @Override
    protected void layoutChildren() {
        Insets insets = getInsets();
        double left = insets.getLeft();
        double top = insets.getTop();
        double width = Math.max(0, getWidth() - left - insets.getRight());
        double bottom = getHeight() - insets.getBottom();
        double header = legend.layout(title, left, top, width, Math.max(0, bottom - top), plotAndAxesMinHeight());

        boolean empty = shown.stream().allMatch(series -> series.points().isEmpty());
        double textHeight = valueLabels.lineHeight();
        double plotTop = top + header + GAP + textHeight / 2;
        double plotBottom = bottom - textHeight - GAP;
        double plotHeight = Math.max(1, plotBottom - plotTop);

        Extent extent = extent();
        // as many value ticks as keep their labels apart: a short chart shows fewer, never a pile
        int valueTicks = (int) Math.max(1, Math.min(VALUE_TICKS, Math.floor(plotHeight / (LABEL_SPACING * textHeight))));
        double valueStep = AxisTicks.valueStep(extent.largest(), valueTicks);
        double valueMax = Math.max(valueStep, Math.ceil(extent.largest() / valueStep - 1e-9) * valueStep);
        List<Double> values = empty ? List.of() : AxisTicks.ticks(0, valueMax, valueStep);
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(valueStep) + 1e-9));
        double valueWidth = valueLabels.show(values, value -> String.format(Locale.ROOT, "%,." + decimals + "f", value));

        double plotLeft = left + valueWidth + GAP;
        double plotRight = left + width - GAP;
        double plotWidth = Math.max(1, plotRight - plotLeft);
        plot.resizeRelocate(plotLeft, plotTop, plotWidth, plotHeight);

        double span = extent.last() - extent.first();
        double timeStep = AxisTicks.timeStep(span, (int) Math.max(1, plotWidth / PIXELS_PER_TIME_TICK));
        List<Double> times = empty ? List.of() : AxisTicks.timeTicks(extent.first(), extent.last(), timeStep, timeZone);
        timeLabels.show(times, timeFormat);

        List<PathElement> gridLines = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double y = snapPositionY(plotBottom - values.get(i) / valueMax * plotHeight) + 0.5;
            gridLines.add(new MoveTo(plotLeft, y));
            gridLines.add(new LineTo(plotRight, y));
            Text label = valueLabels.label(i);
            label.relocate(plotLeft - GAP - label.getLayoutBounds().getWidth(), y - textHeight / 2);
        }
        for (int i = 0; i < times.size(); i++) {
            double x = snapPositionX(plotLeft + (times.get(i) - extent.first()) / span * plotWidth) + 0.5;
            gridLines.add(new MoveTo(x, plotTop));
            gridLines.add(new LineTo(x, plotBottom));
            Text label = timeLabels.label(i);
            double labelWidth = label.getLayoutBounds().getWidth();
            label.relocate(Math.min(Math.max(x - labelWidth / 2, plotLeft), plotRight - labelWidth), plotBottom + GAP);
        }
        grid.getElements().setAll(gridLines);
        emptyText.setVisible(empty);
        if (empty) {
            double messageWidth = Math.min(emptyText.prefWidth(-1), Math.max(0, plotWidth - 2 * GAP));
            double messageHeight = emptyText.prefHeight(messageWidth);
            emptyText.resizeRelocate(plotLeft + (plotWidth - messageWidth) / 2, plotTop + (plotHeight - messageHeight) / 2,
                    messageWidth, messageHeight);
        }

        for (int i = 0; i < shown.size(); i++) {
            Group group = (Group) lines.getChildren().get(i);
            List<Point2D> points = shown.get(i).points();
            List<Double> coordinates = new ArrayList<>(points.size() * 2);
            List<PathElement> marks = new ArrayList<>(points.size() * 5);
            for (Point2D point : points) {
                double x = plotLeft + (point.getX() - extent.first()) / span * plotWidth;
                double y = plotBottom - point.getY() / valueMax * plotHeight;
                coordinates.add(x);
                coordinates.add(y);
                marks.add(new MoveTo(x - MARK, y - MARK));
                marks.add(new LineTo(x + MARK, y - MARK));
                marks.add(new LineTo(x + MARK, y + MARK));
                marks.add(new LineTo(x - MARK, y + MARK));
                marks.add(new ClosePath());
            }
            ((Polyline) group.getChildren().get(0)).getPoints().setAll(coordinates);
            ((Path) group.getChildren().get(1)).getElements().setAll(marks);
        }
    }

    /** The times and largest value over every series; a narrow or empty span of time is widened. */
    private Extent extent() {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        double largest = 0;
        for (TimeSeries series : shown) {
            for (Point2D point : series.points()) {
                first = Math.min(first, point.getX());
                last = Math.max(last, point.getX());
                largest = Math.max(largest, point.getY());
            }
        }
        if (first > last) {
            first = 0;
            last = MIN_SPAN_SECONDS;
        } else if (last - first < MIN_SPAN_SECONDS) {
            double middle = (first + last) / 2;
            first = middle - MIN_SPAN_SECONDS / 2;
            last = middle + MIN_SPAN_SECONDS / 2;
        }
        return new Extent(first, last, largest > 0 ? largest : 1);
    }

    private record Extent(double first, double last, double largest) {
    }

    @Override
    protected double computePrefWidth(double height) {
        return 320;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 160;
    }
}
