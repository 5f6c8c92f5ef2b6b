package dev.swapdeck.ui;

import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionModel;

/**
 * Keeps a live list's selection on the item that was picked, by key, while rows come and go. A
 * ListView keeps the selected index, or moves to a neighbour when the selected row is removed: after a
 * reload the selection silently became another model or profile, and Ctrl+L or Enter acted on it.
 * Here the picked item stays selected wherever it moves; once it is gone nothing is selected and
 * {@code onGone} is told which item went. With {@code selectFirst} the first row is selected when
 * rows first arrive, while nothing has been picked yet. FX thread only.
 */
public final class SelectionByKey<T> {
    private final ListView<T> list;
    private final Function<T, String> key;
    private final Consumer<T> onGone;
    private final boolean selectFirst;
    /** The item last picked (by the user, or the first row at start); null until then or after a pick of nothing. */
    private T picked;
    private boolean everPicked;
    /** The rows are changing: the selection model moves the selection itself, which is no pick. */
    private boolean settling;

    private SelectionByKey(ListView<T> list, Function<T, String> key, Consumer<T> onGone, boolean selectFirst) {
        this.list = list;
        this.key = key;
        this.onGone = onGone;
        this.selectFirst = selectFirst;
    }

    /**
     * Shows {@code items} in {@code list} under this rule: call it instead of {@code setItems}, since it
     * must hear of each change both before and after the list's selection model does.
     */
    public static <T> void install(ListView<T> list, ObservableList<T> items, Function<T, String> key,
                                   Consumer<T> onGone, boolean selectFirst) {
        SelectionByKey<T> rule = new SelectionByKey<>(list, key, onGone, selectFirst);
        items.addListener((ListChangeListener<T>) change -> rule.settling = true);
        list.setItems(items);
        items.addListener((ListChangeListener<T>) change -> rule.settle());
        list.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (!rule.settling) {
                rule.picked = now;
                rule.everPicked |= now != null;
            }
        });
        rule.settle();
    }

    private void settle() {
        settling = false;
        SelectionModel<T> selection = list.getSelectionModel();
        if (picked == null) {
            if (selectFirst && !everPicked && !list.getItems().isEmpty()) {
                selection.selectFirst();
            } else if (selection.getSelectedItem() != null) {
                selection.clearSelection();
            }
            return;
        }
        String wanted = key.apply(picked);
        T now = list.getItems().stream().filter(item -> key.apply(item).equals(wanted)).findFirst().orElse(null);
        if (now == null) {
            T gone = picked;
            selection.clearSelection();
            picked = null;
            onGone.accept(gone);
        } else if (selection.getSelectedItem() != now) {
            selection.select(now);
        }
    }
}
