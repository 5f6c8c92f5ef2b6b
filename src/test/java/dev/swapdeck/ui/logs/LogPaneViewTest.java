package dev.swapdeck.ui.logs;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.logging.LogStream;
import dev.swapdeck.ui.StyleClasses;
import dev.swapdeck.ui.TestStage;
import dev.swapdeck.ui.Theme;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** One log pane on its own, in the light theme, fed as the bridge feeds it. */
class LogPaneViewTest {
    private static final int CAPACITY = 50;

    private final FxRobot robot = new FxRobot();
    private final AtomicLong seq = new AtomicLong();
    private LogPaneModel model;
    private LogPaneView pane;

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        model = new LogPaneModel(LogStream.UPSTREAM, CAPACITY, id -> List.of());
    }

    /** Builds the pane over the model, as the window does, and shows it. */
    private void show() throws Exception {
        TestStage.show(() -> {
            pane = new LogPaneView("Upstream output", model);
            return pane;
        }, 700, 400, Theme.LIGHT);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.hideStage();
    }

    /** The count is written in ASCII digits whatever the locale, as every other figure of the window. */
    @Test
    void theDroppedCountInTheHeaderReadsTheSameInEveryLocale() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("ar-EG"));
        try {
            show();
            robot.interact(() -> model.accept(logLines(List.of("after the drop")), 4634));
            Label dropped = robot.lookup("." + StyleClasses.LOG_DROPPED).queryAs(Label.class);
            until("the count shown", dropped::isVisible);
            assertEquals("4634 dropped", fx(dropped::getText));
        } finally {
            Locale.setDefault(before);
        }
    }

    /** Siblings share a long start and a suffix: a cut in the middle showed the same text for each. */
    @Test
    void theModelChooserShowsWhatTellsALongIdFromItsSiblings() throws Exception {
        String id = "very-long-model-name-for-truncation-testing-number-05-q4_k_m";
        model.setModelChoices(List.of(id, id.replace("-05-", "-06-"), id.replace("-05-", "-16-")));
        show();
        robot.interact(() -> model.modelProperty().set(id));
        until("the chosen id shown", () -> shownModel().contains("05"));
        assertEquals("…number-05-q4_k_m", shownModel());
    }

    private String shownModel() {
        return robot.lookup(".log-model-chooser").queryAs(ComboBox.class).getButtonCell().getText();
    }

    @Test
    void aFullPaneDropsItsOldestRowsInOneChangePerBatch() throws Exception {
        show();
        feed(lines("first", 30));
        List<ListChangeListener.Change<?>> changes = new ArrayList<>();
        fx(() -> {
            rows().getItems().addListener((ListChangeListener<StyledLine>) changes::add);
            return null;
        });

        feed(lines("second", 40));

        assertEquals(CAPACITY, fx(() -> rows().getItems().size()));
        assertEquals("first 20", fx(() -> rows().getItems().get(0).text()));
        assertEquals("second 39", fx(() -> rows().getItems().get(CAPACITY - 1).text()));
        assertEquals(2, changes.size(), "one removal of the oldest and one addition");
        changes.clear();
        feed(lines("third", 3 * CAPACITY));
        assertEquals("third 100", fx(() -> rows().getItems().get(0).text()), "only the newest fit");
        assertEquals(1, changes.size(), "a batch that replaces every row is one replacement: removing all rows"
                + " first would empty every cell on screen and make the list rebuild its cells");
        assertTrue(fx(() -> {
            ListChangeListener.Change<?> change = changes.get(0);
            change.reset();
            return change.next() && change.wasReplaced();
        }));
        until("the newest row on screen", () -> LogRows.onScreen(pane, "third 149"));
    }

    @Test
    void noRowHoldsTheFocusWhileThePaneLacksTheKeyboardSoBatchesRestyleNoRow() throws Exception {
        show();
        feed(lines("first", CAPACITY));
        feed(lines("second", 7));
        assertEquals(-1, fx(() -> rows().getFocusModel().getFocusedIndex()));
        assertTrue(fx(() -> rows().lookupAll(".log-row").stream()
                        .noneMatch(cell -> cell.getStyleClass().contains("list-cell"))),
                "rows are not .list-cell, whose look follows :odd, :even, :empty and :filled");

        robot.interact(() -> rows().requestFocus());
        assertEquals(CAPACITY - 1, fx(() -> rows().getFocusModel().getFocusedIndex()),
                "with the keyboard, the newest row");
    }

    @Test
    void aPaneOverALongHistoryOpensAtItsNewestLine() throws Exception {
        model.seed(logLines(lines("seeded", CAPACITY)));
        show();

        until("the newest seeded line on screen", () -> LogRows.onScreen(pane, "seeded 49"));
        assertFalse(fx(() -> LogRows.onScreen(pane, "seeded 0")), "the oldest is scrolled past");
        assertTrue(fx(() -> pane.followingProperty().get()));
    }

    @Test
    void withFollowOffTheRowsBeingReadStayPutBatchAfterBatchEvenTwoBetweenLayouts() throws Exception {
        show();
        feed(lines("first", CAPACITY));
        robot.interact(() -> {
            pane.followingProperty().set(false);
            rows().scrollTo(20);
        });
        until("row 20 at the top", () -> "first 20".equals(topRow()));
        for (int i = 0; i < 3; i++) {
            feed(lines("more" + i, 3));
            until("row 20 still at the top after batch " + i, () -> "first 20".equals(topRow()));
        }
        assertEquals("first 9", fx(() -> rows().getItems().get(0).text()), "the nine oldest were trimmed");
        robot.interact(() -> {
            pane.append(model.accept(logLines(lines("twice a", 3)), 0));
            pane.append(model.accept(logLines(lines("twice b", 3)), 0));
        });
        until("row 20 still at the top after two batches between layouts", () -> "first 20".equals(topRow()));
        assertFalse(fx(() -> pane.followingProperty().get()));
    }

    @Test
    void copyCopiesTheSelectedRowsOrEverythingShown() throws Exception {
        show();
        feed(lines("line", 5));
        robot.interact(() -> rows().getSelectionModel().selectIndices(3, 1));
        robot.clickOn("Copy");
        assertEquals("line 1\nline 3", fx(() -> Clipboard.getSystemClipboard().getString()));

        robot.interact(() -> rows().getSelectionModel().clearSelection());
        robot.clickOn("Copy");
        assertEquals("line 0\nline 1\nline 2\nline 3\nline 4", fx(() -> Clipboard.getSystemClipboard().getString()));
    }

    @Test
    void anAnsiColouredRunKeepsItsClassesAndIsPaintedForeAndBack() throws Exception {
        show();
        feed(List.of("plain \u001b[31;44mred on blue\u001b[0m plain again"));

        until("the coloured run drawn", () -> coloured().isPresent());
        Text run = fx(() -> coloured().orElseThrow());
        assertTrue(fx(() -> run.getStyleClass().containsAll(List.of("text", "ansi-fg-1", "ansi-bg-4"))),
                fx(() -> run.getStyleClass().toString()));
        assertEquals(Color.web("#c62f3a"), fx(run::getFill), "the light theme's red");
        Parent behind = fx(run::getParent);
        assertTrue(fx(() -> behind.getStyleClass().containsAll(List.of(StyleClasses.LOG_RUN_BACKGROUND, "ansi-bg-4"))));
        Paint fill = fx(() -> ((Region) behind).getBackground().getFills().get(0).getFill());
        assertEquals(Color.web("#2c53c7"), fill, "the light theme's blue behind it");
        assertTrue(fx(() -> textNamed("plain ").orElseThrow().getParent() instanceof TextFlow),
                "a run with no background sits in the line itself");
    }

    @Test
    void clearEmptiesThePaneAndFollowsAgain() throws Exception {
        show();
        feed(lines("line", 10));
        robot.interact(() -> pane.followingProperty().set(false));

        robot.clickOn("Clear");

        assertEquals(0, fx(() -> rows().getItems().size()));
        assertEquals("", fx(pane::shownText));
        assertTrue(fx(() -> pane.followingProperty().get()));
        feed(lines("after", 2));
        assertEquals("after 0\nafter 1", fx(pane::shownText));
    }

    private void feed(List<String> lines) {
        List<LogLine> batch = logLines(lines);
        robot.interact(() -> pane.append(model.accept(batch, 0)));
    }

    private List<LogLine> logLines(List<String> lines) {
        return lines.stream().map(text -> new LogLine(seq.incrementAndGet(), Instant.now(), LogStream.UPSTREAM, null,
                LogLevel.INFO, text)).toList();
    }

    private static List<String> lines(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(prefix + " " + i);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private ListView<StyledLine> rows() {
        return (ListView<StyledLine>) pane.lookup(".log-area");
    }

    /** The text of the top row on screen (of which more than half shows), as of the list's last layout. */
    private String topRow() {
        if (!(rows().lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return null;
        }
        IndexedCell<?> first = flow.getFirstVisibleCell();
        if (first != null && first.getLayoutY() + first.getHeight() / 2 < 0) {
            first = flow.getCell(first.getIndex() + 1);
        }
        return first == null || first.getItem() == null ? null : ((StyledLine) first.getItem()).text();
    }

    private Optional<Text> coloured() {
        return textNamed("red on blue");
    }

    private Optional<Text> textNamed(String text) {
        return pane.lookupAll(".log-area .text").stream().filter(Text.class::isInstance).map(Text.class::cast)
                .filter(t -> text.equals(t.getText())).findFirst();
    }
}
