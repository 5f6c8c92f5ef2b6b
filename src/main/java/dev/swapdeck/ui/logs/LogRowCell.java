package dev.swapdeck.ui.logs;

import dev.swapdeck.ui.StyleClasses;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One log line: its runs as {@link Text} nodes in a {@link TextFlow} (one layout per line, so tabs
 * keep their stops), each carrying the run's style classes for the theme's colours. A run with an
 * ANSI background sits in a small pane that paints it, since a {@code Text} has no background. The
 * nodes are kept and refilled as the cell shows other lines.
 * <p>
 * Its style class is {@code .log-row}, not {@code .list-cell}: modena styles list cells by
 * {@code :odd}, {@code :even}, {@code :empty} and {@code :filled}, which a batch of lines changes on
 * every row on screen, and each change restyles the row.
 */
final class LogRowCell extends ListCell<StyledLine> {
    private final TextFlow flow = new TextFlow();
    private final List<RunNode> runNodes = new ArrayList<>();
    private final List<Node> shown = new ArrayList<>();

    LogRowCell() {
        getStyleClass().setAll(StyleClasses.LOG_ROW);
        setText(null);
    }

    @Override
    protected void updateItem(StyledLine line, boolean empty) {
        super.updateItem(line, empty);
        if (empty || line == null) {
            setGraphic(null);
            return;
        }
        List<AnsiText.Run> runs = line.runs();
        while (runNodes.size() < runs.size()) {
            runNodes.add(new RunNode());
        }
        shown.clear();
        for (int i = 0; i < runs.size(); i++) {
            shown.add(runNodes.get(i).show(runs.get(i)));
        }
        if (!flow.getChildren().equals(shown)) {
            flow.getChildren().setAll(shown);
        }
        setGraphic(flow);
    }

    /** The nodes of one run: its text, and the pane that paints its background when it has one. */
    private static final class RunNode {
        private static final String TEXT = "text";

        private final Text text = new Text();
        private StackPane background;

        /** Fills the nodes with {@code run}; answers the node to place in the line. */
        Node show(AnsiText.Run run) {
            text.setText(run.text());
            List<String> classes = new ArrayList<>(run.styles().size() + 1);
            classes.add(TEXT);
            classes.addAll(run.styles());
            if (!text.getStyleClass().equals(classes)) {
                text.getStyleClass().setAll(classes);
            }
            String backgroundClass = backgroundClass(run.styles());
            if (backgroundClass == null) {
                if (background != null && !background.getChildren().isEmpty()) {
                    background.getChildren().clear();
                }
                return text;
            }
            if (background == null) {
                background = new StackPane();
            }
            List<String> paneClasses = List.of(StyleClasses.LOG_RUN_BACKGROUND, backgroundClass);
            if (!background.getStyleClass().equals(paneClasses)) {
                background.getStyleClass().setAll(paneClasses);
            }
            if (background.getChildren().isEmpty()) {
                background.getChildren().add(text);
            }
            return background;
        }

        private static String backgroundClass(List<String> styles) {
            for (String style : styles) {
                if (style.startsWith(AnsiText.BG)) {
                    return style;
                }
            }
            return null;
        }
    }
}
