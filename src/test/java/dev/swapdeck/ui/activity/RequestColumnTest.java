package dev.swapdeck.ui.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestColumnTest {
    private static final double EM = 10;

    @Test
    void widthBeyondTheColumnsOwnGoesToTheModelColumn() {
        double own = RequestColumn.totalEms() * EM;
        double[] edges = RequestColumn.edges(own + 300, EM);
        assertEquals(own + 300, edges[edges.length - 1], 1e-9, "the last column ends at the width");
        int model = RequestColumn.MODEL.ordinal();
        assertEquals(9 * EM + 300, edges[model + 1] - edges[model], 1e-9);
        int speed = RequestColumn.SPEED.ordinal();
        assertEquals(6.5 * EM, edges[speed + 1] - edges[speed], 1e-9, "the speed keeps its own width");
    }

    @Test
    void aNarrowListKeepsEveryColumnsOwnWidth() {
        double own = RequestColumn.totalEms() * EM;
        double[] edges = RequestColumn.edges(own - 100, EM);
        assertEquals(own, edges[edges.length - 1], 1e-9);
        int model = RequestColumn.MODEL.ordinal();
        assertEquals(9 * EM, edges[model + 1] - edges[model], 1e-9);
    }
}
