package dev.swapdeck.ui.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.Popup;
import javafx.util.Duration;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.event.MouseOverTextEvent;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * The config editor: a {@link CodeArea} with YAML highlighting and the loader's problems marked
 * where they are (hover a mark for its message; the list below jumps to it), Save, Save and reload,
 * Revert. Validation runs a moment after typing stops, not on every keystroke.
 */
public final class ConfigEditorController {
    private static final Duration VALIDATE_AFTER = Duration.millis(250);
    /** With nothing to list, the problems list is one line high ("No problems: ..."), and the editor has the rest. */
    static final double NO_PROBLEMS_HEIGHT = 30;
    /** Where the divider goes when problems appear: a quarter of the room for the list. */
    private static final double PROBLEMS_DIVIDER = 0.75;

    private final ConfigEditorViewModel viewModel;
    private final Runnable createConfig;
    private final CodeArea area = new CodeArea();
    private final PauseTransition typing = new PauseTransition(VALIDATE_AFTER);
    private final Popup hover = new Popup();
    private final Label hoverText = new Label();
    private List<ConfigMarker> marked = List.of();
    private boolean loading;
    @FXML private Label fileLabel;
    @FXML private Label stateLabel;
    @FXML private Button saveButton;
    @FXML private Button applyButton;
    @FXML private Button revertButton;
    @FXML private HBox noFileBox;
    @FXML private StackPane editorHolder;
    @FXML private ListView<ConfigMarker> problemsList;
    @FXML private StackPane problemsHolder;
    @FXML private ComboBox<Path> folderBox;
    @FXML private SplitPane editorSplit;
    /** Held here: a binding only its listeners refer to could be collected. */
    private BooleanBinding nothingToList;

    /**
     * @param createConfig the window's "Create config file" (writes the template, opens it here)
     */
    public ConfigEditorController(ConfigEditorViewModel viewModel, Runnable createConfig) {
        this.viewModel = viewModel;
        this.createConfig = createConfig;
    }

    @FXML
    private void initialize() {
        area.setId("configEditor");
        area.getStyleClass().add("config-editor");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        YamlKeys.install(area, this::focusToolbar);
        WholeCharacterCaret.install(area);
        editorHolder.getChildren().setAll(new VirtualizedScrollPane<>(area));
        problemsList.setItems(viewModel.markers());
        problemsList.setCellFactory(list -> new MarkerCell());
        problemsList.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> jumpToSelected(false));
        problemsList.setOnMouseClicked(e -> jumpToSelected(true));
        problemsList.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                jumpToSelected(true);
            }
        });
        typing.setOnFinished(e -> {
            List<ConfigMarker> before = marked;
            viewModel.edited(area.getText());
            if (marked == before) {
                restyle(); // the problems listed did not change, so nothing has highlighted what was typed
            }
        });
        area.textProperty().addListener((obs, was, now) -> {
            if (!loading) {
                viewModel.typed(now);
                typing.playFromStart();
            }
        });
        viewModel.revisionProperty().addListener((obs, was, now) -> load(viewModel.loadedTextProperty().get()));
        viewModel.markers().addListener((ListChangeListener<ConfigMarker>) c -> restyle());
        fileLabel.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.fileProperty().get().map(Path::toString).orElse("No config file"), viewModel.fileProperty()));
        stateLabel.textProperty().bind(Bindings.when(viewModel.dirtyProperty()).then("unsaved edits").otherwise(""));
        var noFile = Bindings.createBooleanBinding(() -> viewModel.fileProperty().get().isEmpty(), viewModel.fileProperty());
        noFileBox.visibleProperty().bind(noFile);
        noFileBox.managedProperty().bind(noFile);
        area.disableProperty().bind(noFile);
        saveButton.disableProperty().bind(noFile);
        applyButton.disableProperty().bind(noFile);
        revertButton.disableProperty().bind(noFile.or(viewModel.dirtyProperty().not()));
        // with no file there is nothing checked: "this file loads as it is" would be about nothing
        problemsList.getPlaceholder().visibleProperty().bind(noFile.not());
        nothingToList = Bindings.isEmpty(viewModel.markers());
        problemsList.maxHeightProperty().bind(Bindings.when(nothingToList).then(NO_PROBLEMS_HEIGHT).otherwise(Double.MAX_VALUE));
        // the split pane heeds the largest height of its item, the list's holder (room for its focus ring)
        problemsHolder.maxHeightProperty().bind(Bindings.createDoubleBinding(() -> nothingToList.get()
                ? NO_PROBLEMS_HEIGHT + problemsHolder.getPadding().getTop() + problemsHolder.getPadding().getBottom()
                : Double.MAX_VALUE, nothingToList, problemsHolder.paddingProperty()));
        nothingToList.addListener((obs, was, none) -> {
            if (!none) {
                editorSplit.setDividerPositions(PROBLEMS_DIVIDER);
                // the editor shrinks from the bottom at the next layout: the line being typed would drop out of view
                area.requestFollowCaret();
            }
        });
        FolderFilesBox.install(folderBox, viewModel, this::open);
        installHover();
        load(viewModel.loadedTextProperty().get());
    }

    /**
     * Saves the text as it is in the editor (Ctrl+S); true once it is on disk, false when there is no
     * file or the save did not happen (the status bar says why).
     */
    @FXML
    public boolean save() {
        if (saveButton.isDisabled()) {
            return false;
        }
        typing.stop();
        viewModel.edited(area.getText());
        return viewModel.save(area.getText());
    }

    /** The name of the file open here while it has unsaved edits; empty when there is nothing to lose. */
    public Optional<String> unsavedFileName() {
        return viewModel.fileProperty().get().filter(file -> viewModel.dirtyProperty().get())
                .map(file -> file.getFileName().toString());
    }

    /** Saves, then reloads the configuration from this file (Ctrl+Shift+S). */
    @FXML
    public void saveAndReload() {
        if (!applyButton.isDisabled()) {
            typing.stop();
            viewModel.edited(area.getText());
            viewModel.saveAndReload(area.getText());
        }
    }

    /** Loads the file as it is on disk; with unsaved edits, only once the person agrees to discard them. */
    @FXML
    private void revert() {
        Optional<String> unsaved = unsavedFileName();
        if (unsaved.isPresent()) {
            Alert alert = RevertConfirmation.of(unsaved.get());
            alert.initOwner(area.getScene().getWindow());
            boolean discard = alert.showAndWait().equals(Optional.of(RevertConfirmation.DISCARD));
            area.requestFocus();
            if (!discard) {
                return;
            }
        }
        viewModel.revert();
    }

    @FXML
    private void create() {
        createConfig.run();
    }

    /**
     * Opens {@code file} here and puts the caret in it, unless that would drop unsaved edits to another
     * file (the status bar then says so); the file already open keeps its edits.
     */
    public void open(Path file) {
        if (viewModel.openKeepingEdits(file)) {
            area.requestFocus();
        }
    }

    /** The toolbar's last control that takes focus: where Shift+Tab goes from the text. */
    private void focusToolbar() {
        Stream.of(revertButton, applyButton, saveButton, folderBox).filter(n -> n.isVisible() && !n.isDisabled())
                .findFirst().ifPresent(Node::requestFocus);
    }

    /** Moves keyboard focus into the text. */
    public void focusEditor() {
        area.requestFocus();
    }

    /**
     * Shows a file's text (opened, reverted or reloaded). It starts the undo history: undoing past it
     * would bring back the text before it (empty, the first time), one Save away from the disk.
     */
    private void load(String text) {
        loading = true;
        area.replaceText(text);
        area.getUndoManager().forgetHistory();
        area.moveTo(0);
        area.requestFollowCaret();
        loading = false;
        restyle();
    }

    private void restyle() {
        String text = area.getText();
        marked = List.copyOf(viewModel.markers());
        StyleSpans<Collection<String>> spans = MarkerStyles.of(text, marked);
        if (text.length() > 0) {
            area.setStyleSpans(0, spans);
        }
    }

    /** Shows the selected problem's place in the text; with {@code focus}, puts the caret there too. */
    private void jumpToSelected(boolean focus) {
        ConfigMarker marker = problemsList.getSelectionModel().getSelectedItem();
        if (marker != null) {
            MarkerRange.of(area.getText(), marker.line(), marker.column()).ifPresent(range -> {
                area.moveTo(range[0]);
                area.requestFollowCaret();
                if (focus) {
                    area.requestFocus();
                }
            });
        }
    }

    private void installHover() {
        hoverText.getStyleClass().add("marker-tooltip");
        hoverText.setWrapText(true);
        hoverText.setMaxWidth(520);
        hover.getContent().add(hoverText);
        area.setMouseOverTextDelay(java.time.Duration.ofMillis(300));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, e -> markerAt(e.getCharacterIndex())
                .ifPresent(marker -> {
                    hoverText.setText(marker.problem().key() + ": " + marker.problem().message());
                    hover.show(area, e.getScreenPosition().getX(), e.getScreenPosition().getY() + 12);
                }));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> hover.hide());
    }

    /** The marker drawn over the character at {@code index}, if any. */
    Optional<ConfigMarker> markerAt(int index) {
        TextLines lines = TextLines.of(area.getText());
        List<ConfigMarker> hits = new ArrayList<>();
        for (ConfigMarker marker : marked) {
            MarkerRange.of(lines, marker.line(), marker.column())
                    .filter(r -> index >= r[0] && index < r[1]).ifPresent(r -> hits.add(marker));
        }
        return hits.stream().findFirst();
    }

    /** A problem in the list: where, how bad, what. */
    private static final class MarkerCell extends ListCell<ConfigMarker> {
        MarkerCell() {
            setWrapText(true);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(ConfigMarker marker, boolean empty) {
            super.updateItem(marker, empty);
            getStyleClass().removeAll(MarkerStyles.ERROR_MARK, MarkerStyles.WARNING_MARK);
            if (empty || marker == null) {
                setText(null);
                return;
            }
            setText(marker.summary());
            getStyleClass().add(marker.error() ? MarkerStyles.ERROR_MARK : MarkerStyles.WARNING_MARK);
        }
    }
}
