package dev.swapdeck.ui.main;

import java.net.URL;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Tab;

/**
 * A tab whose view is built the first time it is shown or used, so the window opens with only the
 * view on screen built: each view's FXML, its controls' skins and their CSS cost launch time, and a
 * hidden tab's content is still styled and laid out on every pass. FX thread only.
 *
 * @param <C> the view's controller
 */
final class LazyView<C> {
    private final Tab tab;
    private final URL fxml;
    private final Function<URL, FXMLLoader> loader;
    private C controller;

    /** @param loader loads an FXML file with the window's controller factory and answers the loaded loader */
    LazyView(Tab tab, URL fxml, Function<URL, FXMLLoader> loader) {
        this.tab = tab;
        this.fxml = fxml;
        this.loader = loader;
        tab.selectedProperty().addListener((obs, was, now) -> {
            if (now) {
                controller();
            }
        });
    }

    /** The view's controller, building the view into its tab first if it has never been shown. */
    C controller() {
        if (controller == null) {
            FXMLLoader loaded = loader.apply(fxml);
            tab.setContent(loaded.getRoot());
            controller = loaded.getController();
        }
        return controller;
    }

    /** Runs {@code action} on the controller if the view was ever built; a view never seen has nothing to act on. */
    void ifBuilt(Consumer<C> action) {
        built().ifPresent(action);
    }

    /** The view's controller if the view was ever built, without building it. */
    Optional<C> built() {
        return Optional.ofNullable(controller);
    }
}
