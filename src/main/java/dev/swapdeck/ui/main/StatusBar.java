package dev.swapdeck.ui.main;

import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * The window's status bar: two children, the facts (never shortened) and then the notice. The notice
 * stands at the right end of the bar while it fits beside the facts on one line; a longer one (a failed start says
 * why and what to do) takes a line of its own under them, as wide as the bar, and wraps there, so it
 * is never cut short. It is a region of its own because neither an HBox (which squeezes the notice
 * into a narrow column) nor a FlowPane (which will not wrap a child wider than itself) does this.
 */
public final class StatusBar extends Pane {
    private static final double GAP = 8;

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + facts().prefWidth(-1) + GAP + notice().prefWidth(-1) + in.getRight();
    }

    @Override
    protected double computeMinWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + facts().minWidth(-1) + in.getRight();
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        double inner = (width < 0 ? computePrefWidth(-1) : width) - in.getLeft() - in.getRight();
        double factsHeight = facts().prefHeight(-1);
        double height = besideFacts(inner) ? Math.max(factsHeight, notice().prefHeight(-1))
                : factsHeight + notice().prefHeight(inner);
        return in.getTop() + height + in.getBottom();
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double left = in.getLeft();
        double top = in.getTop();
        double inner = getWidth() - left - in.getRight();
        double factsHeight = facts().prefHeight(-1);
        if (besideFacts(inner)) {
            double row = getHeight() - top - in.getBottom();
            double factsWidth = facts().prefWidth(-1);
            layoutInArea(facts(), left, top, factsWidth, row, 0, HPos.LEFT, VPos.CENTER);
            layoutInArea(notice(), left + factsWidth + GAP, top, inner - factsWidth - GAP, row, 0, HPos.RIGHT, VPos.CENTER);
        } else {
            layoutInArea(facts(), left, top, inner, factsHeight, 0, HPos.LEFT, VPos.CENTER);
            layoutInArea(notice(), left, top + factsHeight, inner, notice().prefHeight(inner), 0, HPos.LEFT, VPos.TOP);
        }
    }

    /** Whether the notice fits on one line at the right of the facts. */
    private boolean besideFacts(double inner) {
        return facts().prefWidth(-1) + GAP + notice().prefWidth(-1) <= inner;
    }

    private Node facts() {
        return getChildren().get(0);
    }

    private Node notice() {
        return getChildren().get(1);
    }
}
