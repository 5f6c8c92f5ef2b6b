package dev.swapdeck.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * Finds labels that show less than their text: JavaFX draws a clipped label's text with an ellipsis.
 * A mnemonic's underscore is not shown, and does not count.
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
