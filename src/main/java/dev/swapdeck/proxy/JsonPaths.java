package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Paths into a JSON object as llama-swap's filters read them (its sjson library): keys separated by
 * dots; a number indexes an array ({@code messages.0}), {@code -1} its last element (to remove) or
 * the place after it (to set); {@code \} escapes a dot or a colon inside a key, and a leading
 * {@code :} makes a number an object's key ({@code users.:2313}). Setting creates what is missing
 * along the way (an array where the next key is a number) and pads an array with nulls up to the index.
 */
final class JsonPaths {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonPaths() {
    }

    /** One key of a path; {@code index} is the array index it names, or null for an object's key. */
    private record Key(String name, Integer index) {
    }

    /** Whether something was there to remove. */
    static boolean remove(ObjectNode root, String path) {
        List<Key> keys = parse(path);
        JsonNode node = root;
        for (int i = 0; i < keys.size() - 1 && node != null; i++) {
            node = child(node, keys.get(i));
        }
        Key last = keys.get(keys.size() - 1);
        if (node instanceof ArrayNode array && last.index() != null) {
            int at = last.index() == -1 ? array.size() - 1 : last.index();
            return at >= 0 && at < array.size() && array.remove(at) != null;
        }
        return node instanceof ObjectNode object && object.remove(last.name()) != null;
    }

    static void set(ObjectNode root, String path, JsonNode value) {
        List<Key> keys = parse(path);
        JsonNode node = root;
        for (int i = 0; i < keys.size() - 1; i++) {
            JsonNode next = child(node, keys.get(i));
            boolean wantArray = keys.get(i + 1).index() != null;
            if (!(next instanceof ObjectNode) && !(next instanceof ArrayNode && wantArray)) {
                next = wantArray ? NODES.arrayNode() : NODES.objectNode();
                put(node, keys.get(i), next);
            }
            node = next;
        }
        put(node, keys.get(keys.size() - 1), value);
    }

    private static JsonNode child(JsonNode node, Key key) {
        if (node instanceof ArrayNode array) {
            return key.index() == null || key.index() < 0 ? null : array.get(key.index());
        }
        return node.get(key.name());
    }

    private static void put(JsonNode node, Key key, JsonNode value) {
        if (node instanceof ArrayNode array && key.index() != null) {
            int at = key.index() == -1 ? array.size() : key.index();
            while (array.size() < at) {
                array.addNull();
            }
            if (at < array.size()) {
                array.set(at, value);
            } else {
                array.add(value);
            }
        } else if (node instanceof ObjectNode object) {
            object.set(key.name(), value);
        }
    }

    private static List<Key> parse(String path) {
        List<Key> keys = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        boolean forced = false;
        for (int i = 0; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '.';
            if (c == '\\' && i + 1 < path.length()) {
                name.append(path.charAt(++i));
            } else if (c == ':' && name.length() == 0 && !forced) {
                forced = true;
            } else if (c == '.') {
                keys.add(new Key(name.toString(), forced ? null : index(name)));
                name.setLength(0);
                forced = false;
            } else {
                name.append(c);
            }
        }
        return keys;
    }

    /** The array index a key names: digits, or {@code -1}; null for any other key. */
    private static Integer index(CharSequence key) {
        String text = key.toString();
        if (text.equals("-1")) {
            return -1;
        }
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(text);
    }
}
