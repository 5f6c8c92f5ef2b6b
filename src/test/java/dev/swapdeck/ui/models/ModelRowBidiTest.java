package dev.swapdeck.ui.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.shape.Path;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A model id in a right-to-left script keeps its row's subtitle in reading order, laid out by
 * JavaFX itself: the id, then its port, then its aliases, left to right.
 */
class ModelRowBidiTest {
    private static final String ARABIC_ID = "\u0646\u0645\u0648\u0630\u062c";

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void anArabicIdIsFollowedByItsPortAndAliasesLeftToRight() {
        ModelRow row = new ModelRow(ARABIC_ID);
        row.port.set("18622");
        row.aliases.set("tiny, small");
        String meta = ModelListCell.meta(row);

        double id = leftOf(meta, ARABIC_ID);
        double port = leftOf(meta, "18622");
        double aliases = leftOf(meta, "tiny");
        assertTrue(id < port && port < aliases, meta + ": id at " + id + ", port at " + port + ", aliases at " + aliases);
    }

    @Test
    void theMarksThatKeepItSoTakeNoRoom() {
        ModelRow row = new ModelRow("alpha");
        AtomicReference<Double> marked = new AtomicReference<>();
        AtomicReference<Double> plain = new AtomicReference<>();
        new FxRobot().interact(() -> {
            marked.set(new Text(ModelListCell.meta(row)).getLayoutBounds().getWidth());
            plain.set(new Text("alpha").getLayoutBounds().getWidth());
        });
        assertEquals(plain.get(), marked.get(), 0.01);
    }

    /** Where {@code part} of {@code text} begins on screen, as JavaFX lays {@code text} out. */
    private static double leftOf(String text, String part) {
        AtomicReference<Double> left = new AtomicReference<>();
        new FxRobot().interact(() -> {
            Text node = new Text(text);
            int at = text.indexOf(part);
            Bounds bounds = new Path(node.rangeShape(at, at + part.length())).getBoundsInLocal();
            left.set(bounds.getMinX());
        });
        return left.get();
    }
}
