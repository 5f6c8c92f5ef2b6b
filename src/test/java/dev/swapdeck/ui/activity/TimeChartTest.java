package dev.swapdeck.ui.activity;

import static dev.swapdeck.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.ui.TestStage;
import dev.swapdeck.ui.Theme;
import dev.swapdeck.ui.Truncation;
import java.util.ArrayList;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polyline;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The Activity view's chart on its own: geometry, axes, colours, and a node count that points never change. */
class TimeChartTest {
    private static final double T0 = 1_796_126_400;

    private final FxRobot robot = new FxRobot();
    private final ObservableList<TimeSeries> data = FXCollections.observableArrayList();
    private TimeChart chart;

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        TestStage.show(() -> {
            chart = new TimeChart();
            chart.setTitle("Speed (tokens/s)");
            chart.setTimeFormat(seconds -> "t+" + Math.round(seconds - T0), ZoneOffset.UTC);
            chart.setData(data);
            return chart;
        }, 500, 200, Theme.DARK);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.hideStage();
    }

    @Test
    void pointsAreDrawnInsideThePlotHigherValuesHigherUp() {
        TimeSeries alpha = new TimeSeries("alpha", 0);
        robot.interact(() -> {
            alpha.points().setAll(new Point2D(T0, 10), new Point2D(T0 + 20, 37), new Point2D(T0 + 40, 5));
            data.add(alpha);
        });
        List<Double> xy = fx(() -> {
            chart.layout();
            return List.copyOf(line(0).getPoints());
        });
        Bounds plot = fx(() -> chart.lookup(".plot-background").getBoundsInParent());
        assertEquals(6, xy.size());
        for (int i = 0; i < xy.size(); i += 2) {
            assertTrue(plot.contains(xy.get(i), xy.get(i + 1)), "point " + i / 2 + " at " + xy.subList(i, i + 2));
        }
        assertTrue(xy.get(0) < xy.get(2) && xy.get(2) < xy.get(4), "later is further right: " + xy);
        assertTrue(xy.get(3) < xy.get(1) && xy.get(1) < xy.get(5), "37 above 10 above 5: " + xy);
        assertEquals(plot.getMinX(), xy.get(0), 0.01, "the first time at the left edge");
        assertEquals(plot.getMaxX(), xy.get(4), 0.01, "the last at the right edge");
    }

    @Test
    void anEmptyPlotSaysWhatWillAppearThereAndAFirstPointReplacesIt() {
        robot.interact(() -> chart.setEmptyText("Each answer that reports its tokens adds a point here"));
        Label message = fx(() -> {
            chart.layout();
            return (Label) chart.lookup(".chart-empty");
        });
        Bounds plot = fx(() -> chart.lookup(".plot-background").getBoundsInParent());
        assertTrue(fx(message::isVisible), "shown while there is no point");
        assertFalse(fx(() -> chart.lookup(".chart-legend").isVisible()), "no empty legend frame");
        assertTrue(fx(() -> plot.contains(message.getBoundsInParent())), "inside the plot: " + plot);
        assertEquals(List.of(), fx(() -> Truncation.truncatedLabels(chart)), "the message is whole");

        TimeSeries alpha = new TimeSeries("alpha", 0);
        robot.interact(() -> {
            alpha.points().add(new Point2D(T0, 10));
            data.add(alpha);
            chart.layout();
        });
        assertFalse(fx(message::isVisible), "gone once a point is drawn");
        assertTrue(fx(() -> chart.lookup(".chart-legend").isVisible()), "the legend names the series");
    }

    @Test
    void theAxesReadAsRoundValuesFromZeroAndAsFormattedTimes() {
        robot.interact(() -> {
            TimeSeries alpha = new TimeSeries("alpha", 0);
            alpha.points().setAll(new Point2D(T0, 12), new Point2D(T0 + 60, 37));
            data.add(alpha);
            chart.layout();
        });
        List<String> labels = fx(chart::tickLabels);
        assertEquals(List.of("0", "10", "20", "30", "40", "t+0", "t+15", "t+30", "t+45", "t+60"), labels,
                "a minute over about 430 pixels: a tick every 15 s");

        robot.interact(() -> {
            data.get(0).points().setAll(new Point2D(T0, 0.12), new Point2D(T0 + 2, 0.3));
            chart.layout();
        });
        assertEquals(List.of("0.0", "0.1", "0.2", "0.3"), fx(chart::tickLabels).subList(0, 4),
                "small values get the decimals their step needs; two seconds apart, the span widens to ten");
    }

    @Test
    void eachSeriesHasItsOwnColourInLineAndLegend() {
        robot.interact(() -> {
            for (String name : List.of("alpha", "beta")) {
                TimeSeries series = new TimeSeries(name, data.size());
                series.points().add(new Point2D(T0, 1));
                data.add(series);
            }
            chart.layout();
        });
        Color first = (Color) fx(() -> line(0).getStroke());
        Color second = (Color) fx(() -> line(1).getStroke());
        double hueGap = Math.abs(first.getHue() - second.getHue());
        assertTrue(Math.min(hueGap, 360 - hueGap) >= 90,
                "two models' lines are told apart by hue (modena's first two are both orange): " + first + ", " + second);
        List<String> legend = fx(() -> chart.lookupAll(".legend-text").stream().map(n -> ((Label) n).getText()).toList());
        assertEquals(List.of("alpha", "beta"), legend);
    }

    /** Names too long to stand beside the title go onto lines under it, whole; one wider than the chart wraps. */
    @Test
    void aLegendThatDoesNotFitBesideTheTitleWrapsUnderItWithEveryNameWhole() {
        List<String> names = List.of("qwen2.5-coder-32b-instruct-q4_k_m-with-a-long-id", "tiny-a",
                "llama-3.1-8b-instruct-q8_0-with-another-long-id",
                "org.example_very-long-model-identifier_with.dots-and_underscores-v1.2.3-q4_k_m-instruct-and-more");
        robot.interact(() -> {
            for (String name : names) {
                TimeSeries series = new TimeSeries(name, data.size());
                series.points().add(new Point2D(T0, 1));
                data.add(series);
            }
            chart.layout();
        });
        List<Label> labels = fx(() -> chart.lookupAll(".legend-text").stream().map(Label.class::cast).toList());
        assertEquals(4, labels.size());
        double titleBottom = fx(() -> chart.lookup(".chart-title").getBoundsInParent().getMaxY());
        assertTrue(fx(() -> chart.lookup(".chart-legend").getBoundsInParent().getMinY()) >= titleBottom,
                "the legend is under the title");
        double legendBottom = fx(() -> chart.lookup(".chart-legend").getBoundsInParent().getMaxY());
        assertTrue(fx(() -> chart.lookup(".plot-background").getBoundsInParent().getMinY()) >= legendBottom,
                "the plot starts under the legend's last line");
        assertTrue(fx(() -> labels.get(3).getHeight() > 1.5 * labels.get(1).getHeight()), "the widest name on two lines");
        for (int i = 0; i < names.size(); i++) {
            Label label = labels.get(i);
            String name = names.get(i);
            assertEquals(name, fx(() -> label.lookupAll(".text").stream().map(t -> ((Text) t).getText())
                    .reduce("", String::concat)).replace("\n", ""), "every name whole, one wider than the chart wrapped");
            double right = fx(() -> chart.sceneToLocal(label.localToScene(label.getLayoutBounds())).getMaxX());
            assertTrue(right <= fx(chart::getWidth) + 0.5, name + " ends at " + right);
        }
    }

    @Test
    void aLegendOfManyLongNamesShortensThemSoThePlotKeepsHalfTheChart() {
        robot.interact(() -> {
            for (int i = 1; i <= 8; i++) {
                TimeSeries series = new TimeSeries("model-0" + i + "-llama-3.1-8b-instruct-q4_k_m", data.size());
                series.points().add(new Point2D(T0, i));
                data.add(series);
            }
            chart.layout();
        });
        Bounds legend = fx(() -> chart.lookup(".chart-legend").getBoundsInParent());
        Bounds plot = fx(() -> chart.lookup(".plot-background").getBoundsInParent());
        double height = fx(chart::getHeight);
        assertTrue(legend.getHeight() <= height / 2, "the legend takes at most half: " + legend);
        assertTrue(plot.getHeight() >= height / 4, "the plot keeps its room: " + plot + " of " + height);
        List<String> shownNames = fx(() -> chart.lookupAll(".legend-text").stream()
                .map(label -> label.lookupAll(".text").stream().map(t -> ((Text) t).getText()).reduce("", String::concat))
                .toList());
        assertEquals(8, shownNames.stream().distinct().count(), "every name still tells its model apart: " + shownNames);
        for (Node item : fx(() -> List.copyOf(chart.lookupAll(".legend-item")))) {
            Bounds inChart = fx(() -> chart.sceneToLocal(item.localToScene(item.getLayoutBounds())));
            assertTrue(inChart.getMaxY() <= legend.getMaxY() + 0.5 && inChart.getMaxX() <= fx(chart::getWidth) + 0.5,
                    "every item inside the legend's room: " + inChart + " / " + legend);
        }
        Label first = fx(() -> (Label) chart.lookupAll(".legend-text").iterator().next());
        assertEquals("model-01-llama-3.1-8b-instruct-q4_k_m", fx(() -> first.getTooltip().getText()), "the tooltip has it whole");

        AtomicInteger changes = new AtomicInteger();
        robot.interact(() -> {
            first.wrapTextProperty().addListener((obs, was, now) -> changes.incrementAndGet());
            first.maxWidthProperty().addListener((obs, was, now) -> changes.incrementAndGet());
            chart.requestLayout();
            chart.layout();
            chart.requestLayout();
            chart.layout();
        });
        assertEquals(0, changes.get(), "a layout of an unchanged chart settles: it changes no name (each change lays out again)");
    }

    /**
     * A laptop at 125 % leaves each chart about 120 px: six models' legend took two lines and the plot
     * 25 px, with five value labels printed over each other.
     */
    @Test
    void aShortChartKeepsItsPlotAndItsValueLabelsApart() {
        robot.interact(() -> {
            for (String name : List.of("bartowski/Qwen2.5-Coder-32B-Instruct-GGUF:Q4_K_M", "nomic-embed-text-v1.5",
                    "whisper-large-v3-turbo", "phi-4-mini", "lmstudio-community/Llama-3.2-3B-Instruct-GGUF:Q8_0",
                    "mistral-small-3.1-24b-instruct-2503")) {
                TimeSeries series = new TimeSeries(name, data.size());
                series.points().setAll(new Point2D(T0, 700 * (data.size() + 1)), new Point2D(T0 + 30, 60));
                data.add(series);
            }
            chart.getScene().getWindow().setHeight(120);
            chart.layout();
        });
        double lineHeight = fx(() -> ((Text) chart.lookup(".tick-label")).getLayoutBounds().getHeight());
        Bounds plot = fx(() -> chart.lookup(".plot-background").getBoundsInParent());
        assertTrue(fx(chart::getHeight) <= 121, "the chart is short: " + fx(chart::getHeight));
        assertTrue(plot.getHeight() >= 3 * lineHeight - 0.5, "the plot keeps three lines of its labels: " + plot);
        List<Double> valueLabelTops = fx(() -> chart.lookupAll(".tick-label").stream()
                .filter(Node::isVisible)
                .map(label -> label.getBoundsInParent())
                .filter(bounds -> bounds.getMaxX() <= plot.getMinX())
                .map(Bounds::getMinY).sorted().toList());
        assertTrue(valueLabelTops.size() >= 2, "zero and a value above it: " + valueLabelTops);
        for (int i = 1; i < valueLabelTops.size(); i++) {
            assertTrue(valueLabelTops.get(i) - valueLabelTops.get(i - 1) >= lineHeight,
                    "value labels do not overlap: " + valueLabelTops + ", a line " + lineHeight);
        }
        Bounds legend = fx(() -> chart.lookup(".chart-legend").getBoundsInParent());
        assertTrue(legend.getMaxY() <= plot.getMinY(), "the legend stays above the plot: " + legend + " / " + plot);
    }

    /** Ids of one family and quantisation (llama-server's router names them so) differ in their middle. */
    @Test
    void longNamesThatDifferInTheirMiddleKeepWhatTellsThemApartWhenShortened() {
        List<String> variants = List.of("Instruct", "Thinking", "Coder", "Math", "Vision", "Audio", "Omni", "Base");
        robot.interact(() -> {
            for (String variant : variants) {
                TimeSeries series = new TimeSeries("unsloth/Qwen3-30B-A3B-" + variant + "-2507-GGUF:Q4_K_M", data.size());
                series.points().add(new Point2D(T0, data.size()));
                data.add(series);
            }
            chart.layout();
        });
        List<String> shownNames = fx(() -> chart.lookupAll(".legend-text").stream()
                .map(label -> label.lookupAll(".text").stream().map(t -> ((Text) t).getText()).reduce("", String::concat))
                .toList());
        assertEquals(8, shownNames.stream().distinct().count(), "every name still tells its model apart: " + shownNames);
        Label first = fx(() -> (Label) chart.lookupAll(".legend-text").iterator().next());
        assertEquals("unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF:Q4_K_M", fx(() -> first.getTooltip().getText()));

        AtomicInteger changes = new AtomicInteger();
        robot.interact(() -> {
            first.textProperty().addListener((obs, was, now) -> changes.incrementAndGet());
            chart.requestLayout();
            chart.layout();
        });
        assertEquals(0, changes.get(), "a layout of an unchanged chart settles: it changes no name");
    }

    @Test
    void aLegendThatFitsStandsBesideTheTitle() {
        robot.interact(() -> {
            TimeSeries series = new TimeSeries("tiny-a", 0);
            series.points().add(new Point2D(T0, 1));
            data.add(series);
            chart.layout();
        });
        Bounds title = fx(() -> chart.lookup(".chart-title").getBoundsInParent());
        Bounds legend = fx(() -> chart.lookup(".chart-legend").getBoundsInParent());
        assertTrue(legend.getMinX() >= title.getMaxX() && legend.getMinY() < title.getMaxY(), title + " / " + legend);
    }

    @Test
    void morePointsMoveGeometryButAddNoNodes() {
        TimeSeries alpha = new TimeSeries("alpha", 0);
        robot.interact(() -> {
            alpha.points().add(new Point2D(T0, 3));
            data.add(alpha);
            chart.layout();
        });
        int nodes = fx(() -> count(chart));
        robot.interact(() -> {
            List<Point2D> batch = new ArrayList<>();
            for (int i = 1; i <= 119; i++) {
                batch.add(new Point2D(T0 + i, 3 + i % 7));
            }
            alpha.points().addAll(batch);
            chart.layout();
        });
        assertEquals(240, fx(() -> line(0).getPoints().size()));
        assertEquals(nodes, fx(() -> count(chart)), "120 points, the same nodes as one");
    }

    private Polyline line(int series) {
        return (Polyline) chart.lookupAll(".series-line").stream().toList().get(series);
    }

    private static int count(Node node) {
        int total = 1;
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                total += count(child);
            }
        }
        return total;
    }
}
