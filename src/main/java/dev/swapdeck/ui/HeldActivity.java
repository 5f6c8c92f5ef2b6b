package dev.swapdeck.ui;

import dev.swapdeck.activity.ActivityRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests that ended while a view was hidden, kept for when it shows again (a hidden view whose
 * nodes change costs a whole-window repaint, see {@code ModelsViewModel#shownProperty}). Bounded:
 * per model its {@code perModel} newest records, which is all a view that shows at most that many
 * rows or points per model can need, and its newest record that reported a speed; the records let
 * go are counted. FX thread only.
 */
public final class HeldActivity {
    /** What was held: the kept records in the order they ended, per model the newest with a speed, how many were let go. */
    public record Held(List<ActivityRecord> kept, Map<String, ActivityRecord> latestWithSpeed, long dropped) {
    }

    private final int perModel;
    private final Map<String, Deque<ActivityRecord>> newest = new HashMap<>();
    private final Map<String, ActivityRecord> latestWithSpeed = new HashMap<>();
    private long dropped;

    public HeldActivity(int perModel) {
        if (perModel < 1) {
            throw new IllegalArgumentException("perModel must be positive: " + perModel);
        }
        this.perModel = perModel;
    }

    public void add(ActivityRecord record) {
        Deque<ActivityRecord> records = newest.computeIfAbsent(record.model(), m -> new ArrayDeque<>());
        records.addLast(record);
        if (records.size() > perModel) {
            records.removeFirst();
            dropped++;
        }
        if (record.tokensPerSecond().isPresent()) {
            latestWithSpeed.put(record.model(), record);
        }
    }

    /** Lets go of what is held for {@code model}: one the configuration dropped, whose records are not its successor's. */
    public void forget(String model) {
        Deque<ActivityRecord> records = newest.remove(model);
        dropped += records == null ? 0 : records.size();
        latestWithSpeed.remove(model);
    }

    /** Everything held so far, then forgets it. */
    public Held drain() {
        List<ActivityRecord> kept = new ArrayList<>();
        newest.values().forEach(kept::addAll);
        kept.sort(Comparator.comparingLong(ActivityRecord::seq));
        Held held = new Held(kept, Map.copyOf(latestWithSpeed), dropped);
        newest.clear();
        latestWithSpeed.clear();
        dropped = 0;
        return held;
    }
}
