package dev.swapdeck.ui;

/**
 * Keeps a name that may be in a right-to-left script (a model id in Arabic or Hebrew) from turning
 * the line around it: JavaFX takes a line's direction from its first letter, so a line beginning
 * with such an id was laid out right to left ({@code 18622: · id}), and a number after the id read
 * as part of its run. Between two left-to-right marks, which take no room, the id reads right to
 * left within itself and the line stays left to right.
 */
public final class ReadingOrder {
    private static final char LEFT_TO_RIGHT_MARK = '\u200E';

    private ReadingOrder() {
    }

    /** {@code name} between left-to-right marks, for a line written left to right. */
    public static String embedded(String name) {
        return LEFT_TO_RIGHT_MARK + name + LEFT_TO_RIGHT_MARK;
    }
}
