package dev.swapdeck.ui.logs;

import dev.swapdeck.ui.KeyboardFocusedRows;
import dev.swapdeck.ui.StyleClasses;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.collections.ObservableList;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.Region;

/**
 * The lines of a log pane, one row each, virtualized: only the rows on screen have nodes, so a full
 * pane costs the same to draw as an empty one. At most {@code capacity} rows; each batch is one
 * removal of the oldest and one addition, or one replacement when it fills the whole pane (a flood):
 * removing every row first would empty each cell on screen and make the list rebuild its cells.
 * Rows are selected whole, several at once; a row holds the focus only while the list has the
 * keyboard ({@link KeyboardFocusedRows}). FX thread only.
 * <p>
 * Every line of a batch is drawn. Appending a 2,000-line batch (a 20,000 lines/s flood at the
 * bridge's ten batches a second) to a full 5,000-row pane, with the CSS and layout pass after it,
 * measured 4 to 5 ms median and 6 to 10 ms p90 once warm on a shared 2-core machine, no more than a
 * 250-line batch: the cost is the rows on screen, not the rows added. RichTextFX's area took 40 to
 * 90 ms for the same batch, so it drew only a batch's newest 250 lines under a marker.
 */
final class LogList extends ListView<StyledLine> {
    /** Rows are one line of the 12 px monospace font the stylesheet sets; a fixed height spares measuring them. */
    private static final double ROW_HEIGHT = 16;

    private final int capacity;
    /**
     * The row a kept view was scrolled to since the last layout, or -1: the flow's cells still show
     * that layout, so a second batch before the next one must start from here, not from them.
     */
    private int scrolledTo = -1;

    LogList(int capacity) {
        this.capacity = capacity;
        getStyleClass().add(StyleClasses.LOG_AREA);
        setFixedCellSize(ROW_HEIGHT);
        setCellFactory(list -> new LogRowCell());
        setPlaceholder(new Region());
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        KeyboardFocusedRows.install(this, () -> getItems().size() - 1);
    }

    /**
     * Drops the oldest rows the lines would push past the capacity, then appends the lines. With
     * {@code keepView} the rows on screen stay there (someone is reading them) as long as they are
     * kept: the list would otherwise show other rows at the same position once the oldest are gone.
     */
    void appendLines(List<StyledLine> lines, boolean keepView) {
        if (lines.isEmpty()) {
            return;
        }
        int top = !keepView ? -1 : scrolledTo >= 0 ? scrolledTo : firstVisibleRow();
        List<StyledLine> tail = lines.size() > capacity ? lines.subList(lines.size() - capacity, lines.size()) : lines;
        ObservableList<StyledLine> rows = getItems();
        int excess = rows.size() + tail.size() - capacity;
        if (excess >= rows.size()) {
            rows.setAll(tail);
        } else {
            if (excess > 0) {
                rows.remove(0, excess);
            }
            rows.addAll(tail);
        }
        if (top >= 0 && excess > 0) {
            scrolledTo = Math.max(0, top - excess);
            scrollTo(scrolledTo);
        }
    }

    @Override
    protected void layoutChildren() {
        scrolledTo = -1; // the flow lays its cells out after this, at the position scrolled to
        super.layoutChildren();
    }

    /**
     * The first row at least half on screen at the last layout, or -1. The row above a row scrolled to
     * the top can show a sliver: the flow keeps its place as a fraction, which puts that row a rounding
     * error below the edge; taking the sliver for the top moved a view being read back a row a batch.
     */
    private int firstVisibleRow() {
        IndexedCell<?> first = flow().map(VirtualFlow::getFirstVisibleCell).orElse(null);
        if (first == null) {
            return -1;
        }
        return first.getLayoutY() + first.getHeight() / 2 < 0 ? first.getIndex() + 1 : first.getIndex();
    }

    /** The list's virtual flow, once its skin exists. */
    private Optional<VirtualFlow<?>> flow() {
        return lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? Optional.of(flow) : Optional.empty();
    }

    /** Replaces every row. */
    void showLines(List<StyledLine> lines) {
        getItems().setAll(lines.size() > capacity ? lines.subList(lines.size() - capacity, lines.size()) : lines);
    }

    /**
     * Whether the last row was (at least partly) on screen at the last layout. Both the row and the
     * count come from that layout, so lines appended since do not count as scrolled past.
     */
    boolean lastRowVisible() {
        return flow().map(flow -> {
            IndexedCell<?> last = flow.getLastVisibleCell();
            return last == null || last.getIndex() >= flow.getCellCount() - 1;
        }).orElse(true);
    }

    /**
     * Shows the last row whole at the bottom. The list's own {@code scrollTo} brings the flow's row
     * count up to date with rows added since the last layout, but leaves the last row partly below
     * the edge; position 1 of the flow is the exact end. Needs the skin; without it there is no view
     * to scroll yet.
     */
    void scrollToEnd() {
        if (getItems().isEmpty()) {
            return;
        }
        scrollTo(getItems().size() - 1);
        flow().ifPresent(flow -> flow.setPosition(1));
    }

    /** The shown rows' text, one line each. */
    String text() {
        return joined(getItems());
    }

    /** The selected rows' text in their order, one line each. */
    String selectedText() {
        return joined(getSelectionModel().getSelectedIndices().stream().sorted().map(getItems()::get).toList());
    }

    private static String joined(List<StyledLine> lines) {
        return lines.stream().map(StyledLine::text).collect(Collectors.joining("\n"));
    }
}
