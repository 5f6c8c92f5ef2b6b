package dev.swapdeck.ui.logs;

import dev.swapdeck.logging.LogStream;
import dev.swapdeck.ui.DistinctTail;
import dev.swapdeck.ui.StyleClasses;
import java.util.List;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * One log pane (code-built: it is mostly a {@link LogList}): a toolbar with filter, model chooser
 * (upstream only), follow, clear and copy, over the lines. It follows the tail until the user scrolls
 * up and again once they scroll back to the bottom. The bridge feeds it through {@link #append}.
 */
public final class LogPaneView extends BorderPane {
    private static final double CHOOSER_MAX_WIDTH = 220;
    private static final double CHOOSER_MIN_WIDTH = 120;
    private static final double FILTER_MIN_WIDTH = 40;
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final LogPaneModel model;
    private final LogList list;
    private final BooleanProperty following = new SimpleBooleanProperty(this, "following", true);
    private final PauseTransition settle = new PauseTransition(Duration.millis(150));
    private final TextField filter = new TextField();

    public LogPaneView(String title, LogPaneModel model) {
        this.model = model;
        this.list = new LogList(model.capacity());
        getStyleClass().add(StyleClasses.LOG_PANE);
        setId(model.stream() == LogStream.PROXY ? "proxyLog" : "upstreamLog");
        setTop(toolbar(title));
        setCenter(list);
        watchUserScrolling();
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copy();
                e.consume();
            }
        });
        list.skinProperty().addListener((obs, was, now) -> followTail());
        model.filterProperty().addListener((obs, was, now) -> redraw());
        model.modelProperty().addListener((obs, was, now) -> redraw());
        following.addListener((obs, was, now) -> followTail());
        redraw();
    }

    /** Draws a batch the model accepted (the bridge paces batches): every line. FX thread. */
    public void append(List<StyledLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        list.appendLines(lines, !following.get());
        followTail();
    }

    public BooleanProperty followingProperty() {
        return following;
    }

    public LogPaneModel model() {
        return model;
    }

    /** The text currently shown, one line per row. */
    public String shownText() {
        return list.text();
    }

    public void focusFilter() {
        filter.requestFocus();
    }

    private HBox toolbar(String title) {
        Label heading = new Label(title);
        heading.getStyleClass().add(StyleClasses.SECTION_TITLE);
        filter.setPromptText("Filter");
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.setPrefColumnCount(12);
        filter.setId(getId() + "Filter");
        ToggleButton follow = new ToggleButton("Follow");
        follow.selectedProperty().bindBidirectional(following);
        follow.setTooltip(new Tooltip("Keep the newest line in view (turns off when you scroll up)"));
        Button clear = new Button("Clear");
        clear.setOnAction(e -> clear());
        Button copy = new Button("Copy");
        copy.setTooltip(new Tooltip("Copy the selection, or everything shown"));
        copy.setOnAction(e -> copy());
        Label dropped = new Label();
        dropped.getStyleClass().add(StyleClasses.LOG_DROPPED);
        dropped.textProperty().bind(model.droppedProperty().asString(Locale.ROOT, "%d dropped"));
        dropped.visibleProperty().bind(model.droppedProperty().greaterThan(0));
        dropped.managedProperty().bind(dropped.visibleProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(6, heading, dropped, grow, filter);
        ComboBox<String> chooser = model.stream() == LogStream.UPSTREAM ? modelChooser() : null;
        if (chooser != null) {
            bar.getChildren().add(chooser);
        }
        bar.getChildren().addAll(follow, clear, copy);
        // When the pane is narrow the filter field and the model chooser give up room; labels and
        // buttons keep theirs. Neither pane may need more than half a 1024-wide window: a pane whose
        // minimum is wider pushes the divider between them, and the divider stays where it was pushed.
        for (Node child : bar.getChildren()) {
            if (child instanceof Region region && child != filter && child != grow && child != chooser) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        filter.setMinWidth(FILTER_MIN_WIDTH);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(StyleClasses.TOOLBAR);
        return bar;
    }

    private ComboBox<String> modelChooser() {
        // A combo box is as wide as its longest item: one long model id would widen the pane, and
        // the window with it, past the window's edge. It is never wider than CHOOSER_MAX_WIDTH; the
        // shown id is then shortened (below), the list shows every id whole.
        ComboBox<String> chooser = new ComboBox<>(model.modelChoices()) {
            @Override
            protected double computePrefWidth(double height) {
                return Math.min(super.computePrefWidth(height), CHOOSER_MAX_WIDTH);
            }

            /** "All models" stays whole; a longer id shown gives up its middle first. */
            @Override
            protected double computeMinWidth(double height) {
                return Math.min(computePrefWidth(height), CHOOSER_MIN_WIDTH);
            }
        };
        chooser.setId(getId() + "Model");
        chooser.valueProperty().bindBidirectional(model.modelProperty());
        chooser.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null || LogPaneModel.ALL_MODELS.equals(id) ? "All models" : id;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        // the id shown, in a box this narrow, is the part that tells it from the others (siblings
        // often share a long start and a suffix: a cut in the middle left the same text for each)
        chooser.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String id, boolean empty) {
                super.updateItem(id, empty);
                setText(empty || id == null ? null : LogPaneModel.ALL_MODELS.equals(id) ? "All models"
                        : DistinctTail.of(id, model.modelChoices()));
            }
        });
        chooser.getStyleClass().add(StyleClasses.LOG_MODEL_CHOOSER);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> {
            String id = model.modelProperty().get();
            return id == null || LogPaneModel.ALL_MODELS.equals(id) ? "Show one model's output"
                    : "Showing " + id + "; choose another, or All models";
        }, model.modelProperty()));
        chooser.setTooltip(tip);
        return chooser;
    }

    /**
     * Scrolling up stops following at once; anything that may have reached the bottom re-checks
     * after the layout has settled (the flow updates its viewport on the next pulse).
     */
    private void watchUserScrolling() {
        settle.setOnFinished(e -> following.set(list.lastRowVisible()));
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                following.set(false);
            }
            settle.playFromStart();
        });
        list.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (onVerticalScrollBar(e.getTarget())) {
                following.set(false);
            }
        });
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> settle.playFromStart());
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            KeyCode code = e.getCode();
            if (code == KeyCode.UP || code == KeyCode.PAGE_UP || code == KeyCode.HOME) {
                following.set(false);
            }
            settle.playFromStart();
        });
    }

    /** A press on the vertical scroll bar (its thumb, track or arrows) starts a manual scroll. */
    private boolean onVerticalScrollBar(Object target) {
        for (Node node = target instanceof Node n ? n : null; node != null && node != list; node = node.getParent()) {
            if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                return true;
            }
        }
        return false;
    }

    private void followTail() {
        if (following.get()) {
            list.scrollToEnd();
        }
    }

    private void redraw() {
        list.showLines(model.visible());
        followTail();
    }

    private void clear() {
        model.clear();
        list.getItems().clear();
        following.set(true);
    }

    private void copy() {
        ClipboardContent content = new ClipboardContent();
        content.putString(list.getSelectionModel().isEmpty() ? list.text() : list.selectedText());
        Clipboard.getSystemClipboard().setContent(content);
    }
}
