package dev.swapdeck.ui;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;

/**
 * Where the window opens and how large its scene is: the size asked for (the last session's, else
 * the default), made to fit the usable area of the screen it opens on, and placed so that all of it,
 * title bar included, is on that screen. A window restored from a larger screen, or the default size
 * on a 1024×768 one, would otherwise open with its title and status bar out of reach.
 */
record WindowFit(double x, double y, double width, double height) {
    /** Room for a window manager's title bar and borders, which a scene's size does not include. */
    static final double FRAME = 40;

    /**
     * @param area  the screen's usable area (its visual bounds: without panels and docks)
     * @param saved where the window was last time, or null to centre it
     */
    static WindowFit of(Rectangle2D area, double width, double height, double minWidth, double minHeight,
                        Point2D saved) {
        double w = Math.max(minWidth, Math.min(width, area.getWidth()));
        double h = Math.max(minHeight, Math.min(height, area.getHeight() - FRAME));
        if (saved == null) {
            return new WindowFit(area.getMinX() + Math.max(0, (area.getWidth() - w) / 2),
                    area.getMinY() + Math.max(0, (area.getHeight() - h - FRAME) / 2), w, h);
        }
        return new WindowFit(clamp(saved.getX(), area.getMinX(), area.getMaxX() - w),
                clamp(saved.getY(), area.getMinY(), area.getMaxY() - h - FRAME), w, h);
    }

    /** {@code value} within [{@code low}, {@code high}]; {@code low} when the range is empty (a screen too small). */
    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(value, high));
    }
}
