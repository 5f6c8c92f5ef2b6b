package dev.swapdeck.ui.activity;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;

/**
 * One named line of a {@link TimeChart}: points whose x is a time in epoch seconds. Its owner keeps
 * it bounded and changes it in batches (one list change per batch). FX thread only.
 */
public final class TimeSeries {
    private final String name;
    private final ObservableList<Point2D> points = FXCollections.observableArrayList();

    public TimeSeries(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Oldest first. */
    public ObservableList<Point2D> points() {
        return points;
    }
}
