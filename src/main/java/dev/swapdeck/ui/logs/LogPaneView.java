package dev.swapdeck.ui.logs;

import dev.swapdeck.logging.LogStream;
import dev.swapdeck.ui.StyleClasses;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.fxmisc.flowless.VirtualizedScrollPane;

/**
 * One log pane (code-built: it is mostly a RichTextFX area): a toolbar with filter, model chooser
 * (upstream only), follow, clear and copy, over the text. It follows the tail until the user scrolls
 * up and again once they scroll back to the bottom. The bridge feeds it through {@link #append}.
 */
public final class LogPaneView extends BorderPane {
    private final LogPaneModel model;
    private final LogArea area;
    private final BooleanProperty following = new SimpleBooleanProperty(this, "following", true);
    private final PauseTransition settle = new PauseTransition(Duration.millis(150));
    private final TextField filter = new TextField();
    private boolean skippedSinceRedraw;

    /**
     * The most lines one batch draws (the bridge delivers at most ten batches a second). RichTextFX
     * builds every paragraph it takes and trims as many, 20 to 45 µs a line on a 2-core machine, so
     * the 2,000 lines a batch of a 20,000 lines/s flood holds took 40 to 90 ms of FX thread each time.
     */
    static final int DRAW_LIMIT = 250;

    public LogPaneView(String title, LogPaneModel model) {
        this.model = model;
        this.area = new LogArea(model.capacity());
        getStyleClass().add(StyleClasses.LOG_PANE);
        setId(model.stream() == LogStream.PROXY ? "proxyLog" : "upstreamLog");
        setTop(toolbar(title));
        VirtualizedScrollPane<LogArea> scroll = new VirtualizedScrollPane<>(area);
        setCenter(scroll);
        watchUserScrolling(scroll);
        model.filterProperty().addListener((obs, was, now) -> redraw());
        model.modelProperty().addListener((obs, was, now) -> redraw());
        following.addListener((obs, was, now) -> {
            if (now) {
                area.scrollToEnd();
            } else if (skippedSinceRedraw) {
                redraw();
            }
        });
        redraw();
    }

    /**
     * Draws a batch the model accepted (the bridge paces batches). A batch over {@link #DRAW_LIMIT}
     * draws its newest lines under a marker that counts the rest; the model keeps them all, and
     * turning Follow off redraws the pane from the model. FX thread.
     */
    public void append(List<StyledLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<StyledLine> drawn = lines;
        if (lines.size() > DRAW_LIMIT) {
            drawn = new ArrayList<>(DRAW_LIMIT + 1);
            drawn.add(StyledLine.skipped(lines.size() - DRAW_LIMIT, model.capacity()));
            drawn.addAll(lines.subList(lines.size() - DRAW_LIMIT, lines.size()));
            skippedSinceRedraw = true;
        }
        area.appendLines(drawn);
        if (following.get()) {
            area.scrollToEnd();
        }
    }

    public BooleanProperty followingProperty() {
        return following;
    }

    public LogPaneModel model() {
        return model;
    }

    /** The text currently shown, one line per paragraph. */
    public String shownText() {
        return area.getText();
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
        dropped.textProperty().bind(model.droppedProperty().asString("%d dropped"));
        dropped.visibleProperty().bind(model.droppedProperty().greaterThan(0));
        dropped.managedProperty().bind(dropped.visibleProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(6, heading, dropped, grow, filter);
        if (model.stream() == LogStream.UPSTREAM) {
            bar.getChildren().add(modelChooser());
        }
        bar.getChildren().addAll(follow, clear, copy);
        // When the pane is narrow the filter field gives up room; labels and buttons keep theirs.
        for (Node child : bar.getChildren()) {
            if (child instanceof Region region && child != filter && child != grow) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        filter.setMinWidth(60);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(StyleClasses.TOOLBAR);
        return bar;
    }

    private ComboBox<String> modelChooser() {
        ComboBox<String> chooser = new ComboBox<>(model.modelChoices());
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
        chooser.setTooltip(new Tooltip("Show one model's output"));
        return chooser;
    }

    /**
     * Scrolling up stops following at once; anything that may have reached the bottom re-checks
     * after the layout has settled (the flow updates its viewport on the next pulse).
     */
    private void watchUserScrolling(VirtualizedScrollPane<LogArea> scroll) {
        settle.setOnFinished(e -> following.set(area.lastParagraphVisible()));
        scroll.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                following.set(false);
            }
            settle.playFromStart();
        });
        scroll.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (!isInside(e.getTarget(), area)) {
                following.set(false);
            }
        });
        scroll.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> settle.playFromStart());
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            KeyCode code = e.getCode();
            if (code == KeyCode.UP || code == KeyCode.PAGE_UP || code == KeyCode.HOME) {
                following.set(false);
            }
            settle.playFromStart();
        });
    }

    /** A press outside the text (on a scroll bar) starts a manual scroll. */
    private static boolean isInside(Object target, Node ancestor) {
        for (Node node = target instanceof Node n ? n : null; node != null; node = node.getParent()) {
            if (node == ancestor) {
                return true;
            }
        }
        return false;
    }

    private void redraw() {
        skippedSinceRedraw = false;
        area.clear();
        area.appendLines(model.visible());
        if (following.get()) {
            area.scrollToEnd();
        }
    }

    private void clear() {
        skippedSinceRedraw = false;
        model.clear();
        area.clear();
        following.set(true);
    }

    private void copy() {
        String selected = area.getSelectedText();
        ClipboardContent content = new ClipboardContent();
        content.putString(selected.isEmpty() ? area.getText() : selected);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
