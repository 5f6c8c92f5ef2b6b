package dev.swapdeck.ui.memory;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Draws {@link MemoryViewModel}'s bar: one region per segment, as wide as its share of the budget. */
public final class MemoryController {
    private final MemoryViewModel viewModel;
    @FXML private VBox root;
    @FXML private Label summaryLabel;
    @FXML private Label devicesLabel;
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
        viewModel.segments().addListener((ListChangeListener<MemorySegment>) change -> redraw());
        redraw();
    }

    private void redraw() {
        bar.getChildren().setAll(viewModel.segments().stream().map(this::part).toList());
    }

    private Region part(MemorySegment segment) {
        Label part = new WholeOrNoLabel(segment.label());
        part.getStyleClass().add(segment.styleClass());
        part.prefWidthProperty().bind(bar.widthProperty().multiply(Math.min(1, segment.fraction())));
        part.setMaxWidth(Double.MAX_VALUE);
        part.setTooltip(new Tooltip(segment.detail()));
        return part;
    }
}
