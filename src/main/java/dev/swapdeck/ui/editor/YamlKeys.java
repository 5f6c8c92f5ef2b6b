package dev.swapdeck.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.fxmisc.richtext.CaretSelectionBind;
import org.fxmisc.richtext.CodeArea;

/**
 * Typing YAML: Tab indents with two spaces (YAML refuses a tab character in indentation, so a typed
 * one would only break the file) and Enter keeps the current line's indentation. With a selection
 * over several lines, Tab indents each of them by two spaces and Shift+Tab takes up to two away, as
 * code editors do, in one undoable change; a line the selection only touches at its start is left
 * alone. Otherwise Shift+Tab leaves the text for {@code back} (the toolbar before it), so the keyboard
 * still reaches Save and Revert.
 */
final class YamlKeys {
    static final String INDENT = "  ";

    private YamlKeys() {
    }

    static void install(CodeArea area, Runnable back) {
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean plain = !e.isShortcutDown() && !e.isAltDown() && !e.isShiftDown() && !e.isControlDown();
            boolean severalLines = area.getCaretSelectionBind().getStartParagraphIndex()
                    != area.getCaretSelectionBind().getEndParagraphIndex();
            if (e.getCode() == KeyCode.TAB && e.isShiftDown() && !e.isShortcutDown() && !e.isControlDown()) {
                e.consume();
                if (severalLines) {
                    changeSelectedLines(area, YamlKeys::outdent);
                } else {
                    back.run();
                }
            } else if (plain && e.getCode() == KeyCode.TAB) {
                e.consume();
                if (severalLines) {
                    changeSelectedLines(area, line -> line.isEmpty() ? line : INDENT + line);
                } else {
                    area.replaceSelection(INDENT);
                }
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

    /**
     * Rewrites each line the selection covers with {@code change}, then selects those lines whole, up to
     * where the selection ended: one that ran to the next line's start still does, so the next press
     * changes the same lines (ended at the last line's end, one selected line would be replaced by Tab).
     */
    private static void changeSelectedLines(CodeArea area, UnaryOperator<String> change) {
        CaretSelectionBind<?, ?, ?> selection = area.getCaretSelectionBind();
        int first = selection.getStartParagraphIndex();
        int last = selection.getEndParagraphIndex();
        boolean toNextLineStart = selection.getEndColumnPosition() == 0;
        if (toNextLineStart) {
            last--;
        }
        List<String> lines = new ArrayList<>();
        for (int p = first; p <= last; p++) {
            lines.add(change.apply(area.getParagraph(p).getText()));
        }
        String changed = String.join("\n", lines);
        int from = area.getAbsolutePosition(first, 0);
        area.replaceText(from, area.getAbsolutePosition(last, area.getParagraphLength(last)), changed);
        area.selectRange(from, from + changed.length() + (toNextLineStart ? 1 : 0));
    }

    /** The line without up to one indentation step of leading spaces. */
    private static String outdent(String line) {
        int spaces = 0;
        while (spaces < INDENT.length() && spaces < line.length() && line.charAt(spaces) == ' ') {
            spaces++;
        }
        return line.substring(spaces);
    }
}
