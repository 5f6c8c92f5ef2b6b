package dev.swapdeck.ui.models;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.ui.activity.ActivityRecords;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A request's line in the detail pane, which wraps in a narrow pane. */
class RequestFactsTest {
    private static final Pattern FIGURE_THEN_PLAIN_SPACE = Pattern.compile("\\d (ms|tok/s)");

    @Test
    void everyFigureIsHeldToItsUnitSoTheLineWrapsBetweenFigures() {
        String line = RequestFacts.line(ActivityRecords.ended(1, "alpha", 200, 1115.2));

        assertTrue(line.contains("200 in "), line);
        assertTrue(line.endsWith(", 1115\u00a0tok/s"), line);
        assertFalse(FIGURE_THEN_PLAIN_SPACE.matcher(line).find(), line);
    }
}
