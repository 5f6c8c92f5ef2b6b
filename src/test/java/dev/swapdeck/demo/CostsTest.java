package dev.swapdeck.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CostsTest {
    /** Eight tokens, the first at once and the rest 15 ms apart: 66.7 a second, as they stream. */
    @Test
    void theSpeedIsThePaceOfTheGapsBetweenTokens() {
        ObjectNode timings = Costs.timings(3, 8, TimeUnit.MILLISECONDS.toNanos(7 * 15));
        assertEquals(15.0, timings.path("predicted_per_token_ms").asDouble(), 1e-9);
        assertEquals(1000.0 / 15, timings.path("predicted_per_second").asDouble(), 1e-9);
        assertEquals(105.0, timings.path("predicted_ms").asDouble(), 1e-9);
    }
}
