package dev.swapdeck.ui.editor;

import javafx.scene.input.KeyEvent;
import org.fxmisc.richtext.CodeArea;

/**
 * Keeps the caret off the middle of a surrogate pair (an emoji, say) after a key moves it.
 * RichTextFX's End, and Shift+End, on a line that ends in one stops between its two UTF-16 halves;
 * what is typed there splits the character, and the file no longer parses. A caret that a key left
 * inside a pair goes on to the pair's edge in the direction it was moving (forward when it did not
 * move), and a selection keeps its anchor.
 */
final class WholeCharacterCaret {
    private final CodeArea area;
    private int caretBeforeKey;

    private WholeCharacterCaret(CodeArea area) {
        this.area = area;
    }

    /**
     * Must come after the area's own key handling is installed (its constructor does that), so the
     * correction sees where the key put the caret.
     */
    static void install(CodeArea area) {
        WholeCharacterCaret caret = new WholeCharacterCaret(area);
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> caret.caretBeforeKey = area.getCaretPosition());
        area.addEventHandler(KeyEvent.KEY_PRESSED, e -> caret.correct());
    }

    private void correct() {
        int at = area.getCaretPosition();
        if (!insidePair(at)) {
            return;
        }
        int whole = at < caretBeforeKey ? at - 1 : at + 1;
        if (area.getAnchor() == at) {
            area.moveTo(whole);
        } else {
            area.selectRange(area.getAnchor(), whole);
        }
    }

    private boolean insidePair(int at) {
        if (at == 0 || at == area.getLength()) {
            return false;
        }
        String around = area.getText(at - 1, at + 1);
        return Character.isSurrogatePair(around.charAt(0), around.charAt(1));
    }
}
