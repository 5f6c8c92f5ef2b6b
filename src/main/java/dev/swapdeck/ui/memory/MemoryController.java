package dev.swapdeck.ui.memory;

import dev.swapdeck.ui.StyleClasses;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Draws {@link MemoryViewModel}'s bar: one part per segment, as wide as its share of the budget. The
 * parts are kept and updated in place, never replaced: the figures change with every sample, and a
 * part replaced under the mouse would never show its tooltip (JavaFX waits a second to show one).
 */
public final class MemoryController {
    private static final List<String> PART_CLASSES =
            List.of(StyleClasses.MEMORY_MODEL, StyleClasses.MEMORY_OTHER, StyleClasses.MEMORY_FREE);
    private final MemoryViewModel viewModel;
    @FXML private VBox root;
    @FXML private Label summaryLabel;
    @FXML private Label devicesLabel;
    @FXML private Label problemLabel;
    @FXML private HBox bar;

    public MemoryController(MemoryViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        root.visibleProperty().bind(viewModel.visibleProperty());
        root.managedProperty().bind(root.visibleProperty());
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        devicesLabel.textProperty().bind(viewModel.devicesProperty());
        problemLabel.textProperty().bind(viewModel.problemProperty());
        problemLabel.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(viewModel.problemProperty());
        problemLabel.setTooltip(whole);
        viewModel.segments().addListener((ListChangeListener<MemorySegment>) change -> redraw());
        redraw();
    }

    private void redraw() {
        List<MemorySegment> segments = viewModel.segments();
        ObservableList<Node> parts = bar.getChildren();
        if (parts.size() > segments.size()) {
            parts.remove(segments.size(), parts.size());
        }
        while (parts.size() < segments.size()) {
            WholeOrNoLabel part = new WholeOrNoLabel("");
            part.setMaxWidth(Double.MAX_VALUE);
            part.setTooltip(new Tooltip());
            parts.add(part);
        }
        for (int i = 0; i < segments.size(); i++) {
            show((WholeOrNoLabel) parts.get(i), segments.get(i));
        }
    }

    private void show(WholeOrNoLabel part, MemorySegment segment) {
        part.prefWidthProperty().bind(bar.widthProperty().multiply(Math.min(1, segment.fraction())));
        part.show(segment.label());
        part.getTooltip().setText(segment.detail());
        if (!part.getStyleClass().contains(segment.styleClass())) {
            part.getStyleClass().removeAll(PART_CLASSES);
            part.getStyleClass().add(segment.styleClass());
        }
    }
}
