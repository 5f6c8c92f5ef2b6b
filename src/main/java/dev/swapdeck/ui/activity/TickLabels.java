package dev.swapdeck.ui.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.text.Text;

/**
 * One axis's tick labels for a {@link TimeChart}: a pool of {@code .tick-label} texts, reused as the
 * ticks change and made up front, since a label made with the first points costs that busy pulse.
 * The chart places them. FX thread only.
 */
final class TickLabels extends Group {
    private final List<Text> pool = new ArrayList<>();
    private int shown;

    TickLabels(int made) {
        setManaged(false);
        grow(made);
    }

    /** Shows one label per tick, written by {@code format}, and hides the rest; answers the widest one's width. */
    double show(List<Double> ticks, DoubleFunction<String> format) {
        grow(ticks.size());
        shown = ticks.size();
        double widest = 0;
        for (int i = 0; i < pool.size(); i++) {
            Text label = pool.get(i);
            label.setVisible(i < shown);
            if (i < shown) {
                String text = format.apply(ticks.get(i));
                if (!text.equals(label.getText())) {
                    label.setText(text);
                }
                widest = Math.max(widest, label.getLayoutBounds().getWidth());
            }
        }
        return widest;
    }

    /** The label of tick {@code index} as last shown. */
    Text label(int index) {
        return pool.get(index);
    }

    /** The height of one line of label text. */
    double lineHeight() {
        return pool.get(0).getLayoutBounds().getHeight();
    }

    /** The texts shown, in tick order. */
    List<String> texts() {
        return pool.subList(0, shown).stream().map(Text::getText).toList();
    }

    private void grow(int size) {
        while (pool.size() < Math.max(size, 1)) {
            Text label = new Text();
            label.getStyleClass().add("tick-label");
            label.setTextOrigin(VPos.TOP);
            label.setVisible(false);
            pool.add(label);
            getChildren().add(label);
        }
    }
}
