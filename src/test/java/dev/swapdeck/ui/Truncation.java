package dev.swapdeck.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;

/**
 * Finds labels that show less than their text: JavaFX draws a clipped label's text with an ellipsis.
 * A mnemonic's underscore is not shown, and does not count. Also finds controls that the window's own
 * edge cuts off: laid out wider or taller than the window, a layout draws past its edge with no
 * ellipsis anywhere.
 */
public final class Truncation {
    private Truncation() {
    }

    /** {@code "full text" -> "shown text"} for every visible, truncated label under {@code root}. FX thread. */
    public static List<String> truncatedLabels(Parent root) {
        List<String> truncated = new ArrayList<>();
        collect(root, truncated);
        return truncated;
    }

    /**
     * Every visible control that reaches past the right or bottom edge of {@code scene}, with its
     * bounds. Scrolling containers are checked as a whole, not what scrolls inside them. FX thread.
     */
    public static List<String> beyondWindow(Scene scene) {
        List<String> beyond = new ArrayList<>();
        collectBeyond(scene.getRoot(), scene.getWidth(), scene.getHeight(), beyond);
        return beyond;
    }

    private static void collectBeyond(Node node, double width, double height, List<String> beyond) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Control) {
            Bounds bounds = node.localToScene(node.getLayoutBounds());
            if (bounds.getMaxX() > width + 1 || bounds.getMaxY() > height + 1) {
                beyond.add(describe(node) + " ends at " + Math.round(bounds.getMaxX()) + "x" + Math.round(bounds.getMaxY()));
            }
        }
        boolean scrolls = node instanceof ScrollPane || node instanceof ListView || node instanceof TextInputControl;
        if (node instanceof Parent parent && !scrolls) {
            parent.getChildrenUnmodifiable().forEach(child -> collectBeyond(child, width, height, beyond));
        }
    }

    private static String describe(Node node) {
        String name = node.getClass().getSimpleName();
        if (node instanceof Labeled labeled && labeled.getText() != null) {
            return name + " '" + labeled.getText() + "'";
        }
        return node.getId() == null ? name : name + " #" + node.getId();
    }

    private static void collect(Node node, List<String> truncated) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            String whole = labeled.isMnemonicParsing() ? labeled.getText().replaceFirst("_(?!_)", "") : labeled.getText();
            for (Node child : labeled.getChildrenUnmodifiable()) {
                if (child instanceof Text shown && !shown.getText().replace("\n", " ").strip()
                        .equals(whole.replace("\n", " ").strip())
                        && child.isVisible()) {
                    truncated.add("'" + labeled.getText() + "' -> '" + shown.getText() + "'");
                }
            }
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, truncated));
        }
    }
}
