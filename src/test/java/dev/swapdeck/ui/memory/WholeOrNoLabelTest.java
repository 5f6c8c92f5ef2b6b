package dev.swapdeck.ui.memory;

import static dev.swapdeck.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.ui.TestStage;
import dev.swapdeck.ui.Theme;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

class WholeOrNoLabelTest {
    private final FxRobot robot = new FxRobot();
    private WholeOrNoLabel label;

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        TestStage.show(() -> {
            label = new WholeOrNoLabel("reserved 128 MiB");
            label.setPrefWidth(300);
            return new HBox(label);
        }, 400, 40, Theme.LIGHT);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.hideStage();
    }

    @Test
    void showsItsTextWholeOrNotAtAll() {
        assertEquals("reserved 128 MiB", fx(label::getText));
        robot.interact(() -> {
            label.setPrefWidth(30);
            label.getParent().layout();
        });
        assertEquals("", fx(label::getText), "at 30 px");
        robot.interact(() -> {
            label.setPrefWidth(300);
            label.getParent().layout();
        });
        assertEquals("reserved 128 MiB", fx(label::getText), "wide again");
    }
}
