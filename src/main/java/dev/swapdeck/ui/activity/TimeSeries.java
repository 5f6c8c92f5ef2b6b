package dev.swapdeck.ui.activity;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;

/**
 * One named line of a {@link TimeChart}: points whose x is a time in epoch seconds, drawn in colour
 * {@code colour} of the palette (so one model has one colour in every chart). Its owner keeps it
 * bounded and changes it in batches (one list change per batch). FX thread only.
 */
public final class TimeSeries {
    private final String name;
    private final int colour;
    private final ObservableList<Point2D> points = FXCollections.observableArrayList();

    public TimeSeries(String name, int colour) {
        this.name = name;
        this.colour = colour;
    }

    public String name() {
        return name;
    }

    public int colour() {
        return colour;
    }

    /** Oldest first. */
    public ObservableList<Point2D> points() {
        return points;
    }
}
