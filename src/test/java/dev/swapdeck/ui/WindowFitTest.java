package dev.swapdeck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The window's first size and place, per screen: all of it on the screen it opens on. */
class WindowFitTest {

    @ParameterizedTest(name = "{0}x{1} screen, asked {2}x{3} at {4},{5} -> {6}x{7} at {8},{9}")
    @CsvSource(nullValues = "-", value = {
        // screen w, h; asked w, h; saved x, y (- : none); expected w, h, x, y
        "1920, 1080, 1200, 780,    -,    -, 1200, 780,  360, 130", // the default, centred
        "1366,  768, 1200, 780,    -,    -, 1200, 728,   83,   0", // too tall: shortened, title bar on screen
        "1024,  768, 1200, 780,    -,    -, 1024, 728,    0,   0", // too wide and tall: the whole screen
        "1024,  768, 1200, 780,  -88,   -4, 1024, 728,    0,   0", // a larger screen's place and size
        "1920, 1080, 1300, 900, 1000,  500, 1300, 900,  620, 140", // moved back so its far corner is on screen
        "1920, 1080, 1100, 740,  100,   50, 1100, 740,  100,  50", // a place that fits stays as it was
        " 800,  600, 1200, 780,    -,    -, 1024, 700,    0,   0", // below the minimum: the minimum wins
    })
    void fitsTheScreen(double screenW, double screenH, double askedW, double askedH, Double savedX, Double savedY,
                       double w, double h, double x, double y) {
        Point2D saved = savedX == null ? null : new Point2D(savedX, savedY);
        WindowFit fit = WindowFit.of(new Rectangle2D(0, 0, screenW, screenH), askedW, askedH,
                SwapdeckApp.MIN_WIDTH, SwapdeckApp.MIN_HEIGHT, saved);
        assertEquals(new WindowFit(x, y, w, h), fit);
    }
}
