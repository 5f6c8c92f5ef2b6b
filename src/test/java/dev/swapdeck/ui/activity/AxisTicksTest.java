package dev.swapdeck.ui.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTicksTest {

    @Test
    void valueStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(10, AxisTicks.valueStep(37, 4));
        assertEquals(20, AxisTicks.valueStep(61, 4));
        assertEquals(50, AxisTicks.valueStep(160, 4));
        assertEquals(0.1, AxisTicks.valueStep(0.37, 4), 1e-12);
        assertEquals(1, AxisTicks.valueStep(0, 4), "an empty range still has a step");
    }

    @Test
    void timeStepsAreWholeSecondsMinutesAndHours() {
        assertEquals(2, AxisTicks.timeStep(10, 5));
        assertEquals(30, AxisTicks.timeStep(100, 5));
        assertEquals(300, AxisTicks.timeStep(1_000, 5));
        assertEquals(3 * 86_400, AxisTicks.timeStep(10 * 86_400, 4), "beyond a day, whole days");
    }

    @Test
    void ticksAreTheStepsMultiplesInsideTheRange() {
        assertEquals(List.of(0.0, 10.0, 20.0, 30.0, 40.0), AxisTicks.ticks(0, 40, 10));
        assertEquals(List.of(20.0, 30.0, 40.0), AxisTicks.ticks(12.5, 47, 10));
        assertEquals(List.of(1_796_126_410.0, 1_796_126_415.0), AxisTicks.ticks(1_796_126_407, 1_796_126_417, 5));
    }

    /** Two-hour ticks in Kathmandu (+05:45) fall on its even hours: 18:00 there is 12:15 UTC. */
    @Test
    void timeTicksFallOnTheZonesRoundTimes() {
        double noonUtc = 1_796_126_400; // 2026-12-01T12:00:00Z
        assertEquals(List.of(noonUtc + 15 * 60, noonUtc + 15 * 60 + 7200),
                AxisTicks.timeTicks(noonUtc, noonUtc + 3 * 3600, 7200, ZoneId.of("Asia/Kathmandu")));
        assertEquals(List.of(noonUtc, noonUtc + 7200), AxisTicks.timeTicks(noonUtc, noonUtc + 3 * 3600, 7200, ZoneOffset.UTC));
    }
}
