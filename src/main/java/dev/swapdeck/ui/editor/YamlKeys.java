package dev.swapdeck.ui.editor;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.fxmisc.richtext.CodeArea;

/**
 * Typing YAML: Tab indents with two spaces (YAML refuses a tab character in indentation, so a typed
 * one would only break the file) and Enter keeps the current line's indentation. Shift+Tab leaves
 * the text for {@code back} (the toolbar before it), so the keyboard still reaches Save and Revert.
 */
final class YamlKeys {
    static final String INDENT = "  ";

    private YamlKeys() {
    }

    static void install(CodeArea area, Runnable back) {
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean plain = !e.isShortcutDown() && !e.isAltDown() && !e.isShiftDown() && !e.isControlDown();
            if (e.getCode() == KeyCode.TAB && e.isShiftDown() && !e.isShortcutDown() && !e.isControlDown()) {
                e.consume();
                back.run();
            } else if (plain && e.getCode() == KeyCode.TAB) {
                e.consume();
                area.replaceSelection(INDENT);
            } else if (plain && e.getCode() == KeyCode.ENTER) {
                e.consume();
                String line = area.getParagraph(area.getCurrentParagraph()).getText();
                int indent = 0;
                while (indent < line.length() && indent < area.getCaretColumn() && line.charAt(indent) == ' ') {
                    indent++;
                }
                area.replaceSelection("\n" + line.substring(0, indent));
            }
        });
    }
}
