package dev.swapdeck.ui.activity;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static dev.swapdeck.ui.activity.ActivityRecords.cut;
import static dev.swapdeck.ui.activity.ActivityRecords.ended;
import static dev.swapdeck.ui.activity.ActivityRecords.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.ui.TestStage;
import dev.swapdeck.ui.Theme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.fxml.FXMLLoader;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Cell;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The Activity view over its view model, fed as the bridge feeds it, without a proxy. */
class ActivityControllerTest {
    private final FxRobot robot = new FxRobot();
    private final ActivityViewModel viewModel = new ActivityViewModel(50, 20, ZoneOffset.UTC);
    private Button elsewhere;
    private ActivityController controller;

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        TestStage.show(() -> {
            elsewhere = new Button("elsewhere");
            FXMLLoader loader = new FXMLLoader(ActivityController.class.getResource("ActivityView.fxml"));
            loader.setControllerFactory(type -> controller = new ActivityController(viewModel, ZoneOffset.UTC));
            try {
                return new VBox(elsewhere, loader.load());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, 1000, 600, Theme.LIGHT);
        robot.interact(elsewhere::requestFocus);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.hideStage();
    }

    @Test
    void newRequestsMoveNoFocusedRowUntilTheTableHasTheKeyboard() {
        robot.interact(() -> viewModel.accept(List.of(ended(1, "alpha", 200, 40))));
        robot.interact(() -> viewModel.accept(List.of(ended(2, "alpha", 200, 41), ended(3, "beta", 200, 9))));
        assertEquals(-1, fx(() -> table().getFocusModel().getFocusedIndex()), "no row focused while the table is not");

        robot.interact(controller::focusTable);
        assertEquals(0, fx(() -> table().getFocusModel().getFocusedIndex()), "with the keyboard, the newest row");
        robot.interact(() -> viewModel.accept(List.of(ended(4, "beta", 200, 10))));
        assertEquals(1, fx(() -> table().getFocusModel().getFocusedIndex()), "and it stays on its request");

        robot.interact(elsewhere::requestFocus);
        assertEquals(-1, fx(() -> table().getFocusModel().getFocusedIndex()), "the keyboard gone, the focus too");
    }

    @Test
    void eachRowShowsItsRequestUnderTheTitlesAndMarksAFailure() {
        String longName = "a-model-whose-name-is-far-too-long-for-its-column";
        robot.interact(() -> viewModel.accept(List.of(ended(1, longName, 200, 41.26), failed(2, "beta"))));
        untilDrawn(0);
        List<String> failed = fx(() -> texts(row(0)).stream().map(Text::getText).toList());
        assertEquals(List.of("12:00:02", "beta", "502", "15 ms", "–", "–", "–"), failed);
        assertTrue(fx(() -> row(0).getPseudoClassStates().contains(PseudoClass.getPseudoClass("failed"))));
        assertFalse(fx(() -> row(1).getPseudoClassStates().contains(PseudoClass.getPseudoClass("failed"))));
        assertEquals("Time 12:00:02, Model beta, Status 502, Duration 15 ms, First token –, Tokens –, Speed –",
                fx(() -> row(0).queryAccessibleAttribute(AccessibleAttribute.TEXT)), "what a screen reader hears");

        String shown = fx(() -> texts(row(1)).get(1).getText());
        String[] ends = shown.split("…");
        assertTrue(ends.length == 2 && longName.startsWith(ends[0]) && longName.endsWith(ends[1])
                && !ends[0].isEmpty() && !ends[1].isEmpty(), "a long model id keeps both ends: " + shown);
        assertEquals("41.3 t/s", fx(() -> texts(row(1)).get(6).getText()), "the columns after it in place");
        assertTitlesAbove(row(1));
        Tooltip whole = fx(() -> row(1).getTooltip());
        fx(() -> {
            whole.getOnShowing().handle(null);
            return null;
        });
        assertTrue(fx(whole::getText).contains("Model " + longName + ","), "the id uncut on hover: " + fx(whole::getText));
    }

    /** Ids of one family and quantisation (llama-server's router names them so) differ in their middle. */
    @Test
    void longIdsThatDifferInTheirMiddleKeepWhatTellsThemApart() {
        String instruct = "unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF:Q4_K_M";
        String thinking = "unsloth/Qwen3-30B-A3B-Thinking-2507-GGUF:Q4_K_M";
        robot.interact(() -> viewModel.accept(List.of(ended(1, instruct, 200, 40), ended(2, thinking, 200, 41))));
        untilDrawn(1);
        String newest = fx(() -> texts(row(0)).get(1).getText());
        String oldest = fx(() -> texts(row(1)).get(1).getText());
        assertTrue(newest.contains("…") && newest.contains("Thinking"), newest);
        assertTrue(oldest.contains("…") && oldest.contains("Instruct"), oldest);
    }

    @Test
    void aCutAnswerSaysWhyOnHoverAndToAScreenReader() {
        robot.interact(() -> viewModel.accept(List.of(cut(1, "alpha"))));
        untilDrawn(0);
        assertEquals("200 cut", fx(() -> texts(row(0)).get(2).getText()));
        Tooltip whole = fx(() -> row(0).getTooltip());
        fx(() -> {
            whole.getOnShowing().handle(null);
            return null;
        });
        assertTrue(fx(whole::getText).endsWith("; cut: the client left before the answer ended"), fx(whole::getText));
        assertEquals(fx(whole::getText), fx(() -> row(0).queryAccessibleAttribute(AccessibleAttribute.TEXT)));

        Label summary = robot.lookup("#summaryLabel").queryAs(Label.class);
        String before = fx(summary::getText);
        robot.interact(controller::focusTable);
        assertEquals("12:00:01 alpha cut: the client left before the answer ended", fx(summary::getText),
                "the keyboard on the row tells what the mouse's tooltip does");
        robot.interact(elsewhere::requestFocus);
        assertEquals(before, fx(summary::getText));
    }

    /** The list's scroll bar narrows its rows: the titles must narrow with them. */
    @Test
    void theTitlesStayAboveTheirColumnsOnceTheListScrolls() {
        List<ActivityRecord> many = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            many.add(ended(i, "alpha", 200, 40));
        }
        robot.interact(() -> viewModel.accept(many));
        // wide enough that the model column has room to spare, which the scroll bar takes from the rows
        robot.interact(() -> {
            // kept inside Monocle's 1600 px screen: a window reaching past it overflows the headless painter
            table().getScene().getWindow().setX(0);
            table().getScene().getWindow().setWidth(1500);
        });
        // the resize is laid out on a later pulse, which a loaded machine can put off
        until("the vertical scroll bar shown", () -> table().lookupAll(".scroll-bar").stream()
                .anyMatch(bar -> ((ScrollBar) bar).getOrientation() == Orientation.VERTICAL && bar.isVisible()));
        untilDrawn(0);
        until("the titles above the narrowed columns", () -> titlesAbove(row(0)));
        assertTitlesAbove(row(0));
    }

    /** On the FX thread: whether each title starts where its column's text does. */
    /**
     * A 1366×768 laptop at 125 %, with a memory bar, left the Activity view about 200 px: the charts'
     * least heights (120 each) overflowed their room, and the second chart was cut off out of reach.
     */
    @Test
    void inAShortViewEachChartKeepsItsHeightAndCanBeScrolledToWhole() {
        robot.interact(() -> {
            viewModel.accept(List.of(ended(1, "alpha", 200, 40), ended(2, "beta", 200, 9)));
            elsewhere.getScene().getWindow().setHeight(240);
        });
        Node split = robot.lookup("#activitySplit").query();
        double windowBottom = fx(() -> elsewhere.getScene().getHeight());
        for (Node chart : robot.lookup(".time-chart").queryAll()) {
            robot.interact(() -> scrollIntoView(chart));
            Bounds shown = fx(() -> chart.localToScene(chart.getLayoutBounds()));
            Bounds room = fx(() -> split.localToScene(split.getLayoutBounds()));
            assertTrue(shown.getHeight() >= 119.5, "a chart keeps its least height: " + shown);
            assertTrue(shown.getMinY() >= room.getMinY() - 0.5 && shown.getMaxY() <= Math.min(room.getMaxY(), windowBottom) + 0.5,
                    "the chart can be seen whole, in its view and in the window: " + shown + " in " + room
                            + ", the window " + windowBottom + " high");
        }
    }

    /** Scrolls the scroll pane that holds {@code node}, if any, so that {@code node} ends its viewport. */
    private static void scrollIntoView(Node node) {
        for (Parent parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent instanceof ScrollPane scroll) {
                double content = scroll.getContent().getLayoutBounds().getHeight();
                double viewport = scroll.getViewportBounds().getHeight();
                double bottom = scroll.getContent().sceneToLocal(node.localToScene(node.getLayoutBounds())).getMaxY();
                scroll.setVvalue(content > viewport ? Math.max(0, Math.min(1, (bottom - viewport) / (content - viewport))) : 0);
                scroll.layout();
                return;
            }
        }
    }

    private boolean titlesAbove(Cell<?> row) {
        List<Label> titles = robot.lookup(".request-title").queryAllAs(Label.class).stream().toList();
        List<Text> texts = texts(row);
        for (int i = 0; i < titles.size(); i++) {
            if (Math.abs(titles.get(i).localToScene(0, 0).getX() - texts.get(i).localToScene(0, 0).getX()) > 1.0) {
                return false;
            }
        }
        return true;
    }

    private void assertTitlesAbove(Cell<?> row) {
        List<Label> titles = fx(() -> robot.lookup(".request-title").queryAllAs(Label.class).stream().toList());
        List<Text> texts = fx(() -> texts(row));
        for (int i = 0; i < titles.size(); i++) {
            int column = i;
            double title = fx(() -> titles.get(column).localToScene(0, 0).getX());
            double text = fx(() -> texts.get(column).localToScene(0, 0).getX());
            assertEquals(title, text, 1.0, titles.get(column).getText() + " above its column");
        }
    }

    @Test
    void anAnswerCutShortIsMarkedAsAFailure() {
        robot.interact(() -> viewModel.accept(List.of(cut(1, "alpha"))));
        untilDrawn(0);
        assertEquals("200 cut", fx(() -> texts(row(0)).get(2).getText()));
        assertTrue(fx(() -> row(0).getPseudoClassStates().contains(PseudoClass.getPseudoClass("failed"))));
    }

    @Test
    void theChartsShowEachModelsSeries() {
        robot.interact(() -> viewModel.accept(List.of(ended(1, "alpha", 200, 40), ended(2, "beta", 200, 9))));
        List<String> speedSeries = fx(() -> ((TimeChart) robot.lookup("#speedChart").query()).getData().stream()
                .map(TimeSeries::name).toList());
        assertEquals(List.of("alpha", "beta"), speedSeries);
    }

    /** The table lays rows out on a pulse after they arrive, which a loaded machine can put off. */
    private void untilDrawn(int index) {
        until("row " + index + " drawn", () -> robot.lookup(".request-row").queryAllAs(Cell.class).stream()
                .anyMatch(cell -> ((IndexedCell<?>) cell).getIndex() == index && !cell.isEmpty()));
    }

    private Cell<?> row(int index) {
        return robot.lookup(".request-row").queryAllAs(Cell.class).stream()
                .filter(cell -> ((IndexedCell<?>) cell).getIndex() == index).findFirst().orElseThrow();
    }

    private static List<Text> texts(Cell<?> row) {
        return row.lookupAll(".request-text").stream().map(Text.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    private ListView<ActivityRow> table() {
        return robot.lookup("#requestTable").queryAs(ListView.class);
    }
}
