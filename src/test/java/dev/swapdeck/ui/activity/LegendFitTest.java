package dev.swapdeck.ui.activity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class LegendFitTest {
    @Test
    void shortNamesStayWholeAndLongOnesShareWhatIsLeft() {
        assertArrayEquals(new double[] {40, 180, 180}, LegendFit.shares(new double[] {40, 300, 250}, 400), 1e-9);
    }

    @Test
    void everyNameWholeWhenTheyFit() {
        assertArrayEquals(new double[] {40, 300}, LegendFit.shares(new double[] {40, 300}, 500), 1e-9);
    }

    @Test
    void equalSharesWhenNoneFits() {
        assertArrayEquals(new double[] {50, 50}, LegendFit.shares(new double[] {300, 200}, 100), 1e-9);
        assertArrayEquals(new double[] {0, 0}, LegendFit.shares(new double[] {300, 200}, -20), 1e-9);
    }
}
