package dev.swapdeck.ui.activity;

import dev.swapdeck.ui.DistinctTail;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Dimension2D;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * A {@link TimeChart}'s legend and where it stands: beside the title where it fits, else under it,
 * names whole while they leave the plot its room and shortened in the middle past that. Its items
 * are a {@code .legend-item} each, a {@code .series-swatch} and a {@code .legend-text}, styled
 * {@code .series-N} as the series' line. FX thread only.
 */
final class ChartLegend extends FlowPane {
    private static final double GAP = TimeChart.GAP;
    private static final double LEGEND_GAP = 10;
    /** The narrowest a shortened legend name gets: a few letters either side of the ellipsis. */
    private static final double MIN_NAME_WIDTH = 40;
    private static final Dimension2D NOT_DECIDED = new Dimension2D(-1, -1);

    private final Rectangle legendClip = new Rectangle();
    private final List<Label> legendNames = new ArrayList<>();
    private List<String> names = List.of();
    /** Whether legend names are shortened, and for which size of the chart that was decided. */
    private boolean shorten;
    private Dimension2D shortenDecidedFor = NOT_DECIDED;
    /** Each legend name's width whole, measured when shortening was decided. */
    private double[] wholeWidths = new double[0];
    /** Measures legend names off the scene. */
    private final Text measure = new Text();

    ChartLegend() {
        super(LEGEND_GAP, 2);
        getStyleClass().add("chart-legend");
        setClip(legendClip);
        setVisible(false);
    }

    /** One item per series, in their order: only when a series comes or goes. */
    void show(List<TimeSeries> series) {
        getChildren().clear();
        legendNames.clear();
        names = series.stream().map(TimeSeries::name).toList();
        shortenDecidedFor = NOT_DECIDED;
        for (TimeSeries one : series) {
            Region swatch = new Region();
            swatch.getStyleClass().add("series-swatch");
            // a name wider than the chart wraps onto lines of its own, whole; the tooltip names it too
            Label name = new Label(one.name());
            name.setWrapText(true);
            name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS); // names that differ at their end stay apart
            name.setTooltip(new Tooltip(one.name()));
            name.getStyleClass().add("legend-text");
            legendNames.add(name);
            HBox item = new HBox(4, swatch, name);
            item.setAlignment(Pos.CENTER_LEFT);
            item.getStyleClass().addAll("legend-item", "series-" + one.colour() % TimeChart.SERIES_STYLES);
            getChildren().add(item);
        }
        setVisible(!series.isEmpty()); // modena frames a legend: an empty one is a stray box
    }

    /**
     * The title, and the legend beside it on one line where it fits; else the legend wraps onto lines
     * of its own under the title, so every name stays whole (one wider than the chart wraps), as long
     * as the legend takes at most half of what the title leaves of {@code height}. Past that, names are
     * shortened in the middle (their tooltips stay whole) so that the plot keeps its half, and no less
     * than {@code plotMinHeight}. Lays out {@code title} and the legend; returns the header's height.
     */
    double layout(Label title, double left, double top, double width, double height, double plotMinHeight) {
        if (width != shortenDecidedFor.getWidth() || height != shortenDecidedFor.getHeight()) {
            // each size decides afresh, from whole names, whether to shorten them
            for (int i = 0; i < legendNames.size(); i++) {
                legendNames.get(i).setText(names.get(i)); // the same text set again changes nothing
            }
        }
        double titleHeight = title.prefHeight(-1);
        double titleWidth = Math.min(title.prefWidth(-1), width);
        double oneLine = snappedLeftInset() + snappedRightInset()
                + Math.max(0, getChildren().size() - 1) * LEGEND_GAP;
        for (int i = 0; i < legendNames.size(); i++) {
            oneLine += itemWidthBesideName(i) + legendNames.get(i).prefWidth(-1);
        }
        double legendWidth;
        double legendHeight;
        double header;
        if (oneLine <= width - titleWidth - 3 * GAP) {
            legendNames.forEach(name -> capName(name, true, Region.USE_COMPUTED_SIZE));
            legendWidth = oneLine;
            legendHeight = Math.max(titleHeight, prefHeight(oneLine));
            header = legendHeight;
            resizeRelocate(left + width - legendWidth, top, legendWidth, legendHeight);
        } else {
            double most = Math.min(Math.max(0, height - titleHeight - GAP / 2) / 2,
                    height - titleHeight - GAP / 2 - plotMinHeight);
            if (width != shortenDecidedFor.getWidth() || height != shortenDecidedFor.getHeight()) {
                // measured with whole names, once per size: deciding again on every pass would switch the
                // names between wrapped and shortened each time, and every switch asks for another layout
                capNames(width);
                wholeWidths = legendNames.stream().mapToDouble(name -> name.prefWidth(-1)).toArray();
                shorten = prefHeight(width) > most;
                shortenDecidedFor = new Dimension2D(width, height);
            }
            legendWidth = width;
            if (shorten) {
                shortenNames(width, most);
                legendHeight = Math.min(prefHeight(width), Math.max(most, getChildren().get(0).prefHeight(-1)));
            } else {
                capNames(width);
                legendHeight = prefHeight(width);
            }
            header = titleHeight + GAP / 2 + legendHeight;
            resizeRelocate(left, top + titleHeight + GAP / 2, legendWidth, legendHeight);
        }
        title.resizeRelocate(left, top, titleWidth, titleHeight);
        legendClip.setWidth(legendWidth);
        legendClip.setHeight(legendHeight);
        return header;
    }

    /** Caps each legend name to what a line of the legend leaves it beside its swatch. */
    private void capNames(double width) {
        double room = width - snappedLeftInset() - snappedRightInset();
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
        double room = width - snappedLeftInset() - snappedRightInset();
        legendNames.forEach(name -> capName(name, false, name.getMaxWidth()));
        double line = getChildren().get(0).prefHeight(-1) + getVgap();
        int lines = (int) Math.max(1, Math.floor((most + getVgap()) / line));
        int perLine = (lines + legendNames.size() - 1) / lines;
        double itemWidth = (room - (perLine - 1) * LEGEND_GAP) / perLine;
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
        return getChildren().get(i).prefWidth(-1) - shown;
    }
}
