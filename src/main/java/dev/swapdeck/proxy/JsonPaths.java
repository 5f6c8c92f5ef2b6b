package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Dotted keys into a JSON object, as llama-swap's filters read them: {@code a.b} is the field
 * {@code b} of the object {@code a}. Setting creates (or replaces with) objects along the way.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /** Whether something was there to remove. */
    static boolean remove(ObjectNode root, String path) {
        String[] parts = path.split("\\.", -1);
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.get(parts[i]);
            if (!(node instanceof ObjectNode)) {
                return false;
            }
        }
        return ((ObjectNode) node).remove(parts[parts.length - 1]) != null;
    }

    static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.", -1);
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }
}
