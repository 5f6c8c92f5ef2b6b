package dev.swapdeck.ui.activity;

import dev.swapdeck.ui.DistinctTail;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Dimension2D;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
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
 * Styled by the stylesheet: {@code .chart-title}, {@code .chart-legend}, {@code .plot-background},
 * {@code .chart-empty} (the text shown while there is no point),
 * {@code .grid}, {@code .tick-label}, {@code .series-line}, {@code .series-marks},
 * {@code .legend-item} (a {@code .series-swatch} and a {@code .legend-text}), and {@code .series-0}
 * to {@code .series-7} on each series' nodes and legend item, which define the looked-up colour
 * {@code -sd-series}. Nodes are plain shapes and texts, not controls, so a new series makes no skin.
 * FX thread only.
 */
public final class TimeChart extends Region {
    static final int SERIES_STYLES = 8;
    private static final double GAP = 4;
    private static final double LEGEND_GAP = 10;
    /** The narrowest a shortened legend name gets: a few letters either side of the ellipsis. */
    private static final double MIN_NAME_WIDTH = 40;
    private static final Dimension2D NOT_DECIDED = new Dimension2D(-1, -1);
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
    private final FlowPane legend = new FlowPane(LEGEND_GAP, 2);
    private final Rectangle legendClip = new Rectangle();
    private final Region plot = new Region();
    private final Path grid = new Path();
    private final Group lines = new Group();
    private final TickLabels valueLabels = new TickLabels(VALUE_TICKS + 2);
    private final TickLabels timeLabels = new TickLabels(TIME_LABELS);
    private final List<TimeSeries> shown = new ArrayList<>();
    private final List<Label> legendNames = new ArrayList<>();
    /** Whether legend names are shortened, and for which size of the chart that was decided. */
    private boolean shorten;
    private Dimension2D shortenDecidedFor = NOT_DECIDED;
    /** Each legend name's width whole, measured when shortening was decided. */
    private double[] wholeWidths = new double[0];
    private final ListChangeListener<Point2D> pointsChanged = change -> requestLayout();
    private final ListChangeListener<TimeSeries> seriesChanged = change -> showSeries();
    private ObservableList<TimeSeries> data = FXCollections.observableArrayList();
    private DoubleFunction<String> timeFormat = seconds -> String.format(Locale.ROOT, "%.0f", seconds);
    private ZoneId timeZone = ZoneOffset.UTC;
    /** Measures legend names off the scene. */
    private final Text measure = new Text();

    public TimeChart() {
        getStyleClass().add("time-chart");
        title.getStyleClass().add("chart-title");
        legend.getStyleClass().add("chart-legend");
        legend.setClip(legendClip);
        legend.setVisible(false);
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
        legend.getChildren().clear();
        legendNames.clear();
        shortenDecidedFor = NOT_DECIDED;
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
            Region swatch = new Region();
            swatch.getStyleClass().add("series-swatch");
            // a name wider than the chart wraps onto lines of its own, whole; the tooltip names it too
            Label name = new Label(series.name());
            name.setWrapText(true);
            name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS); // names that differ at their end stay apart
            name.setTooltip(new Tooltip(series.name()));
            name.getStyleClass().add("legend-text");
            legendNames.add(name);
            HBox item = new HBox(4, swatch, name);
            item.setAlignment(Pos.CENTER_LEFT);
            item.getStyleClass().addAll("legend-item", style);
            legend.getChildren().add(item);
        }
        legend.setVisible(!shown.isEmpty()); // modena frames a legend: an empty one is a stray box
        requestLayout();
    }

    /**
     * The title, and the legend beside it on one line where it fits; else the legend wraps onto lines
     * of its own under the title, so every name stays whole (one wider than the chart wraps), as long
     * as the legend takes at most half of what the title leaves of {@code height}. Past that, names are
     * shortened in the middle (their tooltips stay whole) so that the plot keeps its half.
     * Returns the header's height.
     */
    private double layoutHeader(double left, double top, double width, double height) {
        if (width != shortenDecidedFor.getWidth() || height != shortenDecidedFor.getHeight()) {
            // each size decides afresh, from whole names, whether to shorten them
            for (int i = 0; i < legendNames.size(); i++) {
                legendNames.get(i).setText(shown.get(i).name()); // the same text set again changes nothing
            }
        }
        double titleHeight = title.prefHeight(-1);
        double titleWidth = Math.min(title.prefWidth(-1), width);
        double oneLine = legend.snappedLeftInset() + legend.snappedRightInset()
                + Math.max(0, legend.getChildren().size() - 1) * LEGEND_GAP;
        for (int i = 0; i < legendNames.size(); i++) {
            oneLine += itemWidthBesideName(i) + legendNames.get(i).prefWidth(-1);
        }
        double legendWidth;
        double legendHeight;
        double header;
        if (oneLine <= width - titleWidth - 3 * GAP) {
            legendNames.forEach(name -> capName(name, true, Region.USE_COMPUTED_SIZE));
            legendWidth = oneLine;
            legendHeight = Math.max(titleHeight, legend.prefHeight(oneLine));
            header = legendHeight;
            legend.resizeRelocate(left + width - legendWidth, top, legendWidth, legendHeight);
        } else {
            double most = Math.min(Math.max(0, height - titleHeight - GAP / 2) / 2,
                    height - titleHeight - GAP / 2 - plotAndAxesMinHeight());
            if (width != shortenDecidedFor.getWidth() || height != shortenDecidedFor.getHeight()) {
                // measured with whole names, once per size: deciding again on every pass would switch the
                // names between wrapped and shortened each time, and every switch asks for another layout
                capNames(width);
                wholeWidths = legendNames.stream().mapToDouble(name -> name.prefWidth(-1)).toArray();
                shorten = legend.prefHeight(width) > most;
                shortenDecidedFor = new Dimension2D(width, height);
            }
            legendWidth = width;
            if (shorten) {
                shortenNames(width, most);
                legendHeight = Math.min(legend.prefHeight(width), Math.max(most, legend.getChildren().get(0).prefHeight(-1)));
            } else {
                capNames(width);
                legendHeight = legend.prefHeight(width);
            }
            header = titleHeight + GAP / 2 + legendHeight;
            legend.resizeRelocate(left, top + titleHeight + GAP / 2, legendWidth, legendHeight);
        }
        title.resizeRelocate(left, top, titleWidth, titleHeight);
        legendClip.setWidth(legendWidth);
        legendClip.setHeight(legendHeight);
        return header;
    }

    /**
     * The least a plot keeps under the legend, with the axis labels around it: room for two value
     * labels apart, so that a short chart shortens its legend's names rather than its plot.
     */
    private double plotAndAxesMinHeight() {
        double textHeight = valueLabels.lineHeight();
        return (textHeight + GAP) + (GAP + textHeight / 2) + MIN_PLOT_LINES * textHeight;
    }

    /** Caps each legend name to what a line of the legend leaves it beside its swatch. */
    private void capNames(double width) {
        double room = width - legend.snappedLeftInset() - legend.snappedRightInset();
        for (int i = 0; i < legendNames.size(); i++) {
            Label name = legendNames.get(i);
            double others = itemWidthBesideName(i);
            capName(name, true, name.prefWidth(-1) + others <= room ? Region.USE_COMPUTED_SIZE : Math.floor(Math.max(0, room - others)));
        }
    }

    /**
     * Names on one line each, as wide as lets every item fit in the lines that {@code most} pixels of
     * legend hold (what is still past them is clipped).
     */
    private void shortenNames(double width, double most) {
        double room = width - legend.snappedLeftInset() - legend.snappedRightInset();
        legendNames.forEach(name -> capName(name, false, name.getMaxWidth()));
        double line = legend.getChildren().get(0).prefHeight(-1) + legend.getVgap();
        int lines = (int) Math.max(1, Math.floor((most + legend.getVgap()) / line));
        int perLine = (lines + legendNames.size() - 1) / lines;
        double itemWidth = (room - (perLine - 1) * LEGEND_GAP) / perLine;
        List<String> names = shown.stream().map(TimeSeries::name).toList();
        for (int i = 0; i < legendNames.size(); i++) {
            Label name = legendNames.get(i);
            double cap = Math.floor(Math.max(MIN_NAME_WIDTH, itemWidth - itemWidthBesideName(i)));
            boolean whole = wholeWidths[i] <= cap;
            // a name cut in its middle keeps what tells it from the others: ids often share both ends
            name.setText(whole ? names.get(i) : DistinctTail.fitted(names.get(i), names,
                    cap - name.snappedLeftInset() - name.snappedRightInset(), this::nameWidth));
            capName(name, false, whole ? Region.USE_COMPUTED_SIZE : cap);
        }
    }

    /** How wide a legend name shows {@code text}, in the legend's font. */
    private double nameWidth(String text) {
        measure.setFont(legendNames.get(0).getFont());
        measure.setText(text);
        return measure.getLayoutBounds().getWidth();
    }

    /** A cap or wrap changes only when its value does, so a layout pass that sets it settles. */
    private static void capName(Label name, boolean wrap, double cap) {
        if (name.isWrapText() != wrap) {
            name.setWrapText(wrap);
        }
        if (name.getMaxWidth() != cap) {
            name.setMaxWidth(cap);
        }
    }

    /** The width of legend item {@code i} without its name: swatch, gap, padding. */
    private double itemWidthBesideName(int i) {
        Label name = legendNames.get(i);
        double shown = Math.min(name.prefWidth(-1), name.getMaxWidth() < 0 ? Double.MAX_VALUE : name.getMaxWidth());
        return legend.getChildren().get(i).prefWidth(-1) - shown;
    }

    @Override
    protected void layoutChildren() {
        Insets insets = getInsets();
        double left = insets.getLeft();
        double top = insets.getTop();
        double width = Math.max(0, getWidth() - left - insets.getRight());
        double bottom = getHeight() - insets.getBottom();
        double header = layoutHeader(left, top, width, Math.max(0, bottom - top));

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
