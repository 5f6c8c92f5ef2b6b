package dev.swapdeck.ui.memory;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.text.Text;

/**
 * A part of the memory bar: its width is its share of the budget, so a small share can be a few
 * pixels wide. It shows its text whole or not at all ("reser" says less than nothing); the tooltip
 * always has the figures.
 */
final class WholeOrNoLabel extends Label {
    private String whole;

    WholeOrNoLabel(String whole) {
        super(whole);
        this.whole = whole;
        setMinWidth(0);
        widthProperty().addListener((width, before, now) -> fit(now.doubleValue()));
        fontProperty().addListener((font, before, now) -> fit(getWidth()));
    }

    /** Replaces the text it shows whole or not at all. */
    void show(String text) {
        whole = text;
        fit(getWidth());
    }

    private void fit(double width) {
        Text measure = new Text(whole);
        measure.setFont(getFont());
        Insets insets = getInsets();
        boolean fits = measure.getLayoutBounds().getWidth() + insets.getLeft() + insets.getRight() <= width;
        setText(fits ? whole : "");
    }
}
