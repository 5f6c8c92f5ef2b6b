package dev.swapdeck.ui.logs;

import java.util.Objects;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.text.Text;

/** What a log pane shows on screen, read from its nodes (rows off screen have none). FX thread. */
public final class LogRows {
    private LogRows() {
    }

    /** Whether a row containing {@code text} is drawn whole within the pane's list. */
    public static boolean onScreen(LogPaneView pane, String text) {
        Node list = pane.lookup(".log-area");
        Bounds shown = list.localToScene(list.getLayoutBounds());
        return pane.lookupAll(".log-area .text").stream()
                .filter(node -> node instanceof Text t && t.getText().contains(text) && drawn(t))
                .map(LogRows::row).filter(Objects::nonNull)
                .map(row -> row.localToScene(row.getLayoutBounds()))
                .anyMatch(shown::contains);
    }

    private static Node row(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof ListCell<?>) {
                return n;
            }
        }
        return null;
    }

    private static boolean drawn(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
