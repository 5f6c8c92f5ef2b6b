package dev.swapdeck.ui.profiles;

import dev.swapdeck.ui.NodeKey;
import dev.swapdeck.ui.StyleClasses;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One profile or routing rule: its name and kind over what it holds, with an "active" badge and Load
 * (list profiles, {@link NodeKey} {@code load-profile-<name>}) or, for pin profiles ({@code use-pins-<name>}),
 * Use or, once active, Turn off: the button says what pressing it does. The pane beside the model
 * details is narrow and llama-swap's rules have long names and many members, so every text wraps and
 * the row grows in height; nothing is cut off.
 */
final class RuleCell extends ListCell<ProfileRow> {
    /** Keeps {@code name → target} on one line when the members wrap. */
    private static final String ARROW = " → ";
    private static final String UNBROKEN_ARROW = "\u00a0→\u00a0";

    private final Label name = new Label();
    private final Label kind = new Label();
    private final Label active = new Label("active");
    private final Button action = new Button();
    private final Tooltip tip = new Tooltip();
    private final Label members = new Label();
    private final VBox left = new VBox(1, name, kind);
    private final HBox right = new HBox(6, active, action);
    private final VBox box = new VBox(3, new HBox(8, left, right), members);

    RuleCell(Consumer<ProfileRow> onAction) {
        getStyleClass().add(StyleClasses.RULE_CELL);
        name.getStyleClass().add(StyleClasses.MODEL_NAME);
        kind.getStyleClass().add(StyleClasses.MUTED);
        active.getStyleClass().addAll(StyleClasses.BADGE, StyleClasses.ACTIVE_PROFILE);
        action.getStyleClass().add(StyleClasses.SMALL);
        action.setTooltip(tip);
        action.setOnAction(e -> onAction.accept(getItem()));
        // A profile's Load is disabled while it loads; JavaFX would then hand the focus to the next
        // control, often another profile's button, which a second Space would press. The row keeps it.
        action.disabledProperty().addListener((obs, was, disabled) -> {
            if (disabled && action.isFocused() && getListView() != null) {
                getListView().getSelectionModel().select(getIndex());
                getListView().requestFocus();
            }
        });
        for (Label label : new Label[] {name, kind, members}) {
            label.setWrapText(true);
            label.setMinWidth(0);
        }
        left.setMinWidth(0);
        HBox.setHgrow(left, Priority.ALWAYS);
        right.setAlignment(Pos.CENTER_RIGHT);
        right.setMinWidth(Region.USE_PREF_SIZE);
        active.setMinWidth(Region.USE_PREF_SIZE);
        action.setMinWidth(Region.USE_PREF_SIZE);
        active.managedProperty().bind(active.visibleProperty());
        action.managedProperty().bind(action.visibleProperty());
        // without this a ListCell asks for its content's unwrapped width and the list scrolls sideways
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(ProfileRow row, boolean empty) {
        super.updateItem(row, empty);
        members.textProperty().unbind();
        active.visibleProperty().unbind();
        action.disableProperty().unbind();
        action.textProperty().unbind();
        tip.textProperty().unbind();
        action.accessibleTextProperty().unbind();
        if (empty || row == null) {
            setGraphic(null);
            NodeKey.set(this, null);
            return;
        }
        NodeKey.set(this, "rule-" + row.name());
        name.setText(row.name());
        kind.setText(row.kind().label());
        members.textProperty().bind(row.membersProperty().map(text -> text.replace(ARROW, UNBROKEN_ARROW)));
        active.visibleProperty().bind(row.activeProperty());
        boolean pins = row.kind() == ProfileRow.Kind.PINS;
        action.setVisible(row.hasAction());
        if (pins) {
            action.textProperty().bind(row.activeProperty().map(on -> on ? "Turn off" : "Use"));
            tip.textProperty().bind(row.activeProperty().map(on -> on
                    ? "Switch these pins off: requests go to the models they name"
                    : "Make these pins the active ones (only one pin profile is)"));
        } else {
            action.setText("Load");
            tip.setText("Start this profile's models side by side");
        }
        action.accessibleTextProperty().bind(action.textProperty().map(verb -> verb + " " + row.name()));
        NodeKey.set(action, row.hasAction() ? (pins ? "use-pins-" : "load-profile-") + row.name() : null);
        action.disableProperty().bind(row.canLoadProperty().not());
        setGraphic(box);
    }
}
