package dev.swapdeck.ui;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;

/**
 * Where the window opens, how large its scene is and how small it may be made: the size asked for
 * (the last session's, else the default), made to fit the usable area of the screen it opens on, and
 * placed so that all of it, title bar included, is on that screen. A window restored from a larger
 * screen, or the default size on a 1024×768 one, would otherwise open with its title and status bar
 * out of reach. The minimum gives way to a screen smaller than it (a 1366×768 laptop at 125 % has
 * 1093×614 to offer, a 1920×1080 one at 200 % 960×540): a window that does not fit cannot be reached.
 */
record WindowFit(double x, double y, double width, double height, double minWidth, double minHeight) {
    /**
     * Room for a window manager's title bar and borders, which a scene's size does not include, until
     * the window has been closed once and the frame it had is known (20 px under openbox, 37 under GNOME).
     */
    static final double FRAME = 40;

    /**
     * @param area  the screen's usable area (its visual bounds: without panels and docks)
     * @param frame the height a window manager's title bar and borders add to the scene's
     * @param saved where the window was last time, or null to centre it
     */
    static WindowFit of(Rectangle2D area, double width, double height, double minWidth, double minHeight,
                        double frame, Point2D saved) {
        double leastW = Math.min(minWidth, area.getWidth());
        double leastH = Math.min(minHeight, area.getHeight() - frame);
        double w = Math.max(leastW, Math.min(width, area.getWidth()));
        double h = Math.max(leastH, Math.min(height, area.getHeight() - frame));
        if (saved == null) {
            return new WindowFit(area.getMinX() + Math.max(0, (area.getWidth() - w) / 2),
                    area.getMinY() + Math.max(0, (area.getHeight() - h - frame) / 2), w, h, leastW, leastH);
        }
        return new WindowFit(clamp(saved.getX(), area.getMinX(), area.getMaxX() - w),
                clamp(saved.getY(), area.getMinY(), area.getMaxY() - h - frame), w, h, leastW, leastH);
    }

    /** {@code value} within [{@code low}, {@code high}]; {@code low} when the range is empty (a screen too small). */
    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(value, high));
    }
}
