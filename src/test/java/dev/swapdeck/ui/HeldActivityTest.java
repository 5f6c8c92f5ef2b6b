package dev.swapdeck.ui;

import static dev.swapdeck.ui.activity.ActivityRecords.ended;
import static dev.swapdeck.ui.activity.ActivityRecords.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a hidden view keeps of the requests that ended: bounded per model, nothing it would show lost. */
class HeldActivityTest {
    @Test
    void keepsEachModelsNewestAndItsNewestSpeedInOrderAndCountsWhatItLetGo() {
        HeldActivity held = new HeldActivity(2);
        held.add(ended(1, "alpha", 200, 10));
        held.add(ended(2, "beta", 200, 20));
        held.add(failed(3, "alpha"));
        held.add(failed(4, "alpha"));
        held.add(failed(5, "beta"));

        HeldActivity.Held drained = held.drain();
        assertEquals(List.of(2L, 3L, 4L, 5L), drained.kept().stream().map(ActivityRecord::seq).toList(),
                "alpha's two newest and beta's two, in the order they ended");
        assertEquals(1L, drained.latestWithSpeed().get("alpha").seq(), "alpha's speed came from a record let go");
        assertEquals(2L, drained.latestWithSpeed().get("beta").seq());
        assertEquals(1, drained.dropped());

        HeldActivity.Held empty = held.drain();
        assertTrue(empty.kept().isEmpty() && empty.latestWithSpeed().isEmpty() && empty.dropped() == 0,
                "a drain forgets what it handed over");
    }
}
