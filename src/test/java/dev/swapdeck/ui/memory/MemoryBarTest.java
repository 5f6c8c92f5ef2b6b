package dev.swapdeck.ui.memory;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.memory.ByteSize;
import dev.swapdeck.memory.Device;
import dev.swapdeck.memory.MemoryReport;
import dev.swapdeck.memory.Prediction;
import dev.swapdeck.ui.StyleClasses;
import dev.swapdeck.ui.TestStage;
import dev.swapdeck.ui.Theme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The memory bar as the window shows it, updated by samples as the memory monitor sends them. */
class MemoryBarTest {
    private static final long M = ByteSize.MIB;
    private final FxRobot robot = new FxRobot();
    private final MemoryViewModel viewModel = new MemoryViewModel();

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        TestStage.show(this::load, 900, 80, Theme.LIGHT);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.hideStage();
    }

    /** A real GPU's figures move a little with every sample: the part under the mouse still shows its tooltip. */
    @Test
    void thePartUnderTheMouseShowsItsTooltipWhileTheFiguresChange() {
        robot.interact(() -> sample(6000));
        until("the bar laid out", () -> part(0).getWidth() > 50);
        Label part = part(0);
        robot.moveTo(part);
        long deadline = System.nanoTime() + 5_000_000_000L;
        int next = 6001;
        while (!fx(() -> part.getTooltip().isShowing()) && System.nanoTime() < deadline) {
            int used = next++;
            robot.interact(() -> sample(used));
            robot.sleep(300);
        }
        assertTrue(fx(() -> part.getTooltip().isShowing()), "the tooltip came up with samples every 300 ms");
        assertSame(part, part(0), "the same part, updated");
        assertTrue(fx(() -> part.getTooltip().getText()).startsWith("a: measured "), fx(() -> part.getTooltip().getText()));
        robot.moveTo(part(2));
    }

    @Test
    void partsComeAndGoWithTheModelsAndKeepTheirKind() {
        robot.interact(() -> viewModel.apply(Optional.of(report(Map.of("a", 6000L, "b", 4000L)))));
        assertEquals(List.of("a", "b", "other", "free"), kinds());
        robot.interact(() -> viewModel.apply(Optional.of(report(Map.of("b", 4000L)))));
        assertEquals(List.of("b", "other", "free"), kinds());
        assertEquals("b: measured 3.9 GiB, predicted 3.9 GiB (measured)", fx(() -> part(0).getTooltip().getText()));
        until("the free part sized to its share", () -> Math.abs(part(2).getWidth() / bar().getWidth() - 0.75) < 0.02);
    }

    /** While nvidia-smi fails the bar keeps its last figures, and a line beside it says how old they are and why. */
    @Test
    void aFailingNvidiaSmiIsShownBesideTheBarUntilItAnswers() {
        MemoryReport current = report(Map.of("a", 6000L));
        robot.interact(() -> viewModel.apply(Optional.of(current)));
        Label problem = robot.lookup(".memory-problem").queryAs(Label.class);
        assertEquals(false, fx(problem::isVisible));

        robot.interact(() -> viewModel.apply(Optional.of(new MemoryReport(current.source(), current.sampledAt(),
                Optional.of("nvidia-smi failed (exit 9)"), current.budget(), 0, current.devices(), current.swapdeck(),
                current.other(), current.models()))));
        until("the problem shown", () -> problem.isVisible() && problem.getWidth() > 0);
        assertTrue(fx(problem::getText).endsWith(": nvidia-smi failed (exit 9)"), fx(problem::getText));
        assertEquals(fx(problem::getText), fx(() -> problem.getTooltip().getText()), "the whole of it, should it be cut");

        robot.interact(() -> viewModel.apply(Optional.of(current)));
        assertEquals(false, fx(problem::isVisible));
    }

    private void sample(int usedMib) {
        viewModel.apply(Optional.of(report(Map.of("a", (long) usedMib, "b", 2000L))));
    }

    /** A 20,000 MiB budget with 1,000 MiB used by other programs. */
    private static MemoryReport report(Map<String, Long> usedMib) {
        Map<String, MemoryReport.Footprint> models = new TreeMap<>();
        usedMib.forEach((model, mib) -> models.put(model,
                new MemoryReport.Footprint(mib * M, mib * M, Prediction.Basis.MEASURED, false, true)));
        long swapdeck = usedMib.values().stream().mapToLong(mib -> mib * M).sum();
        return new MemoryReport(Optional.of("gpu"), Optional.of(Instant.EPOCH), Optional.empty(), 20_000 * M, 0,
                List.of(new Device("GPU 0", 24_000 * M, swapdeck + 1000 * M)), swapdeck, 1000 * M, models);
    }

    private List<String> kinds() {
        return fx(() -> bar().getChildren().stream().map(node -> {
            Label part = (Label) node;
            String text = part.getTooltip().getText();
            return part.getStyleClass().contains(StyleClasses.MEMORY_MODEL) ? text.substring(0, text.indexOf(':'))
                    : part.getStyleClass().contains(StyleClasses.MEMORY_OTHER) ? "other" : "free";
        }).toList());
    }

    private HBox bar() {
        return robot.lookup(".memory-bar").queryAs(HBox.class);
    }

    private Label part(int index) {
        Node node = fx(() -> bar().getChildren().get(index));
        return (Label) node;
    }

    private Parent load() {
        FXMLLoader loader = new FXMLLoader(MemoryController.class.getResource("MemoryView.fxml"));
        loader.setControllerFactory(type -> new MemoryController(viewModel));
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
