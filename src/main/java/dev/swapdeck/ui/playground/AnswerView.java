package dev.swapdeck.ui.playground;

import javafx.geometry.Pos;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.util.UndoUtils;

/**
 * The playground's answer: a read-only RichTextFX area that grows by the pieces the view model
 * publishes and keeps its end in view. A {@code TextArea} bound to the whole answer re-laid out all of
 * it for every token, so a long answer (thousands of tokens) took the FX thread longer per token as it
 * grew and the window stuttered; this area lays out only the paragraphs on screen and the one that
 * changed, and keeps no undo history. The text can be selected and copied as before.
 */
final class AnswerView implements AnswerListener {
    static final String STYLE_CLASS = "playground-answer";
    static final String PANE_STYLE_CLASS = "playground-answer-pane";
    private final StyleClassedTextArea area = new StyleClassedTextArea() {
        @Override
        public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
            // a screen reader reads it as the text area it replaces: read-only text with a name
            return attribute == AccessibleAttribute.TEXT ? getText() : super.queryAccessibleAttribute(attribute, parameters);
        }
    };
    private final VirtualizedScrollPane<StyleClassedTextArea> pane = new VirtualizedScrollPane<>(area);

    AnswerView() {
        pane.getStyleClass().add(PANE_STYLE_CLASS);
        area.setId("answerArea");
        area.getStyleClass().add(STYLE_CLASS);
        area.setEditable(false);
        area.setWrapText(true);
        area.setUndoManager(UndoUtils.noOpUndoManager());
        area.setAccessibleRole(AccessibleRole.TEXT_AREA);
        area.setAccessibleText("Answer");
        Label placeholder = new Label("The answer streams in here");
        placeholder.getStyleClass().add("muted");
        area.setPlaceholder(placeholder, Pos.TOP_LEFT); // where the text area showed its prompt text
    }

    /** The node to show: the area in its scroll pane. */
    Node node() {
        return pane;
    }

    StyleClassedTextArea area() {
        return area;
    }

    @Override
    public void cleared() {
        area.clear();
    }

    /**
     * Appends at the end and shows the end. What the person selected (to copy it) stays selected, and
     * the caret stays where it was: an append would otherwise move both to the end.
     */
    @Override
    public void appended(String piece) {
        int anchor = area.getAnchor();
        int caret = area.getCaretPosition();
        area.appendText(piece);
        area.selectRange(anchor, caret);
        area.showParagraphAtBottom(area.getParagraphs().size() - 1);
    }
}
