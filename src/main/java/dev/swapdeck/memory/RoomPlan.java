package dev.swapdeck.memory;

import java.util.List;
import java.util.Optional;

/**
 * What memory allows for one request: start next to what runs after evicting {@link #evict()} (in
 * order; busy victims are waited for), or not at all ({@link #refusal()} says why, with the numbers).
 */
public record RoomPlan(List<String> evict, Optional<String> refusal) {

    public RoomPlan {
        evict = List.copyOf(evict);
    }

    static RoomPlan fits(List<String> evict) {
        return new RoomPlan(evict, Optional.empty());
    }

    static RoomPlan refused(String why) {
        return new RoomPlan(List.of(), Optional.of(why));
    }

    public boolean fits() {
        return refusal.isEmpty();
    }
}
