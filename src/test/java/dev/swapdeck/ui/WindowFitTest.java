package dev.swapdeck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The window's first size and place, per screen: all of it on the screen it opens on. */
class WindowFitTest {

    @ParameterizedTest(name = "{0}x{1} screen, asked {2}x{3} at {4},{5} -> {6}x{7} at {8},{9}")
    @CsvSource(nullValues = "-", value = {
        // screen w, h; asked w, h; saved x, y (- : none); frame; expected w, h, x, y
        "1920, 1080, 1200, 780,    -,    -, 40, 1200, 780,  360, 130", // the default, centred
        "1366,  768, 1200, 780,    -,    -, 40, 1200, 728,   83,   0", // too tall: shortened, title bar on screen
        "1024,  768, 1200, 780,    -,    -, 40, 1024, 728,    0,   0", // too wide and tall: the whole screen
        "1024,  768, 1200, 780,    -,    -, 20, 1024, 748,    0,   0", // the frame measured last time: all of it
        "1024,  768, 1200, 780,    -,    -, 46, 1024, 722,    0,   0", // a taller title bar: the bottom still on screen
        "1024,  768, 1200, 780,  -88,   -4, 40, 1024, 728,    0,   0", // a larger screen's place and size
        "1920, 1080, 1300, 900, 1000,  500, 40, 1300, 900,  620, 140", // moved back so its far corner is on screen
        "1920, 1080, 1100, 740,  100,   50, 40, 1100, 740,  100,  50", // a place that fits stays as it was
        "1093,  614, 1200, 780,    -,    -, 40, 1093, 574,    0,   0", // 1366x768 at 125 %: under the minimum height
        " 960,  540, 1200, 780, 2000,  900, 40,  960, 500,    0,   0", // 1920x1080 at 200 %, from a larger screen
    })
    void fitsTheScreen(double screenW, double screenH, double askedW, double askedH, Double savedX, Double savedY,
                       double frame, double w, double h, double x, double y) {
        Point2D saved = savedX == null ? null : new Point2D(savedX, savedY);
        WindowFit fit = WindowFit.of(new Rectangle2D(0, 0, screenW, screenH), askedW, askedH,
                SwapdeckApp.MIN_WIDTH, SwapdeckApp.MIN_HEIGHT, frame, saved);
        assertEquals(List.of(x, y, w, h), List.of(fit.x(), fit.y(), fit.width(), fit.height()));
        assertTrue(fit.minWidth() <= w && fit.minHeight() <= h, "the window can be as small as it opens: " + fit);
        assertEquals(Math.min(SwapdeckApp.MIN_WIDTH, screenW), fit.minWidth(), "no narrower than the minimum where it fits");
    }
}
