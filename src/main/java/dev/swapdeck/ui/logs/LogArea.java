package dev.swapdeck.ui.logs;

import dev.swapdeck.ui.StyleClasses;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.StyledSegment;
import org.fxmisc.richtext.util.UndoUtils;

/**
 * A read-only RichTextFX area tuned for logs, following the RichTextFX maintainers' advice (issues
 * #730, #121, #1203): no undo history, one document change per batch, and old paragraphs trimmed
 * past a cap so memory and layout cost stay flat however long it runs. FX thread only.
 */
final class LogArea extends StyleClassedTextArea {
    private final int capacity;

    LogArea(int capacity) {
        super(false);
        this.capacity = capacity;
        setUndoManager(UndoUtils.noOpUndoManager());
        setEditable(false);
        setWrapText(false);
        getStyleClass().add(StyleClasses.LOG_AREA);
    }

    /** Appends the lines as paragraphs in one change, then trims the oldest past the cap. */
    void appendLines(List<StyledLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        boolean empty = getLength() == 0 && getParagraphs().size() == 1;
        List<StyledLine> tail = lines.size() > capacity ? lines.subList(lines.size() - capacity, lines.size()) : lines;
        ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> builder =
                new ReadOnlyStyledDocumentBuilder<>(getSegOps(), List.of());
        if (!empty) {
            builder.addParagraph(List.of(new StyledSegment<>("", List.of())));
        }
        for (StyledLine line : tail) {
            builder.addParagraph(segments(line));
        }
        ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> doc = builder.build();
        replace(getLength(), getLength(), doc);
        trim();
    }

    int paragraphCount() {
        return getParagraphs().size();
    }

    /** Whether the last paragraph is (at least partly) on screen. */
    boolean lastParagraphVisible() {
        int visible = getVisibleParagraphs().size();
        if (visible == 0) {
            return true;
        }
        return visibleParToAllParIndex(visible - 1) >= getParagraphs().size() - 1;
    }

    void scrollToEnd() {
        showParagraphAtBottom(getParagraphs().size() - 1);
    }

    private void trim() {
        int excess = getParagraphs().size() - capacity;
        if (excess > 0) {
            deleteText(0, getAbsolutePosition(excess, 0));
        }
    }

    private static List<StyledSegment<String, Collection<String>>> segments(StyledLine line) {
        if (line.runs().isEmpty()) {
            return List.of(new StyledSegment<>("", List.of()));
        }
        return line.runs().stream()
                .map(run -> new StyledSegment<String, Collection<String>>(run.text(), run.styles()))
                .toList();
    }
}
