package dev.swapdeck.ui.models;

import dev.swapdeck.ui.StyleClasses;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/**
 * The key–value facts of the detail pane. A fact with nothing to show (no aliases, no PID while
 * stopped) keeps its row and shows a dash, so the pane does not jump as the state changes; values
 * wrap rather than truncate. Each value label has the id {@code fact-<key>}.
 */
final class DetailFacts {
    private final Map<String, Function<ModelRow, ObservableValue<?>>> facts = new LinkedHashMap<>();
    private final Map<String, Label> values = new LinkedHashMap<>();

    DetailFacts() {
        facts.put("Aliases", ModelRow::aliasesProperty);
        facts.put("Profiles", ModelRow::profilesProperty);
        facts.put("Rules", ModelRow::rulesProperty);
        facts.put("Port", ModelRow::portProperty);
        facts.put("PID", ModelRow::pidProperty);
        facts.put("Uptime", ModelRow::uptimeProperty);
        facts.put("In flight", ModelRow::inFlightProperty);
        facts.put("TTL", ModelRow::ttlProperty);
        facts.put("Speed", ModelRow::speedProperty);
        facts.put("Requests", ModelRow::recentRequestsProperty);
        facts.put("Memory", ModelRow::memoryProperty);
    }

    void install(GridPane grid) {
        int line = 0;
        for (String key : facts.keySet()) {
            Label name = new Label(key);
            name.getStyleClass().add(StyleClasses.DETAIL_KEY);
            Label value = new Label();
            value.setWrapText(true);
            value.setMinWidth(0);
            value.getStyleClass().add(StyleClasses.DETAIL_VALUE);
            value.setId("fact-" + key.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            grid.addRow(line++, name, value);
            values.put(key, value);
        }
    }

    void show(ModelRow row) {
        facts.forEach((key, property) -> {
            ObservableValue<?> source = property.apply(row);
            values.get(key).textProperty().bind(Bindings.createStringBinding(() -> {
                String text = String.valueOf(source.getValue());
                return text.isEmpty() ? "—" : text;
            }, source));
        });
    }
}
