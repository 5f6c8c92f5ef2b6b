package dev.swapdeck.ui;

import java.util.function.Predicate;
import javafx.scene.Node;

/**
 * A name for a node that shows one model or profile ({@code model-<id>}, {@code rule-<name>}), by which
 * it is found, kept out of its CSS id: JavaFX caches the styles it matched per id for as long as the
 * stylesheets stay, so an id per model name grew that cache by some 50 KB for every name a window ever
 * showed, across reloads and renames.
 */
public final class NodeKey {
    private static final Object PROPERTY = NodeKey.class;

    private NodeKey() {
    }

    /** Names {@code node} {@code key}; null: no name. */
    public static void set(Node node, String key) {
        if (key == null) {
            node.getProperties().remove(PROPERTY);
        } else {
            node.getProperties().put(PROPERTY, key);
        }
    }

    /** Whether a node is named {@code key}. */
    public static Predicate<Node> is(String key) {
        return node -> key.equals(node.getProperties().get(PROPERTY));
    }

    /** Whether a node has a name. */
    public static boolean named(Node node) {
        return node.getProperties().containsKey(PROPERTY);
    }
}
