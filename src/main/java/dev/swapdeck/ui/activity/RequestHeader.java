package dev.swapdeck.ui.activity;

import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.Region;

/** The titles above the recent-requests list, placed by {@link RequestColumn} as its rows are. */
public final class RequestHeader extends Region {
    private final Label[] titles = new Label[RequestColumn.values().length];
    /** The width the list's vertical scroll bar takes from its rows, while it shows. */
    private final DoubleProperty scrollBarWidth = new SimpleDoubleProperty(this, "scrollBarWidth") {
        @Override
        protected void invalidated() {
            requestLayout();
        }
    };

    public RequestHeader() {
        getStyleClass().add("request-header");
        for (RequestColumn column : RequestColumn.values()) {
            Label title = new Label(column.title());
            title.getStyleClass().add("request-title");
            titles[column.ordinal()] = title;
        }
        getChildren().addAll(titles);
    }

    /**
     * Keeps the titles over the rows of {@code list}: the columns share out the rows' width, and a
     * vertical scroll bar, once the list has more rows than it shows, narrows the rows by its own.
     */
    void alignWith(ListView<?> list) {
        Runnable follow = () -> list.lookupAll(".scroll-bar").stream()
                .filter(node -> node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL)
                .map(ScrollBar.class::cast)
                .findFirst()
                .ifPresent(bar -> scrollBarWidth.bind(Bindings.when(bar.visibleProperty())
                        .then(bar.widthProperty()).otherwise(0.0)));
        list.skinProperty().addListener((obs, was, now) -> follow.run());
        follow.run();
    }

    @Override
    protected void layoutChildren() {
        double em = titles[0].getFont().getSize();
        double left = snappedLeftInset();
        double height = getHeight() - snappedTopInset() - snappedBottomInset();
        double[] edges = RequestColumn.edges(getWidth() - left - snappedRightInset() - scrollBarWidth.get(), em);
        for (int i = 0; i < titles.length; i++) {
            double pad = RequestColumn.PAD * em;
            titles[i].resizeRelocate(left + edges[i] + pad, snappedTopInset(), Math.max(0, edges[i + 1] - edges[i] - pad),
                    height);
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + RequestColumn.totalEms() * titles[0].getFont().getSize() + snappedRightInset();
    }

    /** Never shorter than its titles: a column would otherwise shrink it to its insets to grow the list. */
    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + titles[0].prefHeight(-1) + snappedBottomInset();
    }
}
