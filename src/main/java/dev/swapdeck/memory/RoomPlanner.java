package dev.swapdeck.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SPEC §11's rule, as a pure function: no threads, no probes, so every rule is a table test.
 *
 * <ol>
 *   <li>free = budget − reserve − other programs − every occupant that stays (those the swap rules
 *       already evict are counted as gone);</li>
 *   <li>the target starts next to the others when its prediction fits in free;</li>
 *   <li>else unpinned occupants go until it fits: those already leaving first (no cost), then idle
 *       ones least recently used first, then busy ones least recently used first (waited for, never
 *       cut);</li>
 *   <li>if even every unpinned occupant gone is not enough, the request is refused and nothing is
 *       stopped: the refusal names the model's size, the budget and what holds the rest.</li>
 * </ol>
 * An occupant measured above its prediction counts at its measured size, so a start that overshot the
 * budget is corrected by the next plan (it evicts more).
 */
public final class RoomPlanner {

    private RoomPlanner() {
    }

    /**
     * @param need       the target's predicted footprint
     * @param ceiling    the most {@code budget} could be raised to: the memory there is (when unknown,
     *                   {@link Long#MAX_VALUE} for a configured budget; {@code budget} when it is all there is)
     * @param forced     occupants the swap rules (groups, profiles) already evict
     * @param occupants  everything holding memory other than the target
     */
    public static RoomPlan plan(String target, long need, long budget, long ceiling, long reserve, long other,
                                List<Occupant> occupants, Set<String> forced) {
        List<Occupant> staying = occupants.stream().filter(o -> !forced.contains(o.id())).toList();
        long free = budget - reserve - other - staying.stream().mapToLong(Occupant::footprint).sum();
        if (need <= free) {
            return RoomPlan.fits(List.of());
        }
        List<Occupant> candidates = staying.stream()
                .filter(o -> !o.pinned() || o.leaving())
                .sorted(Comparator.comparing((Occupant o) -> !o.leaving())
                        .thenComparing(Occupant::busy)
                        .thenComparingLong(Occupant::lastUsed))
                .toList();
        List<String> evict = new ArrayList<>();
        for (Occupant victim : candidates) {
            evict.add(victim.id());
            free += victim.footprint();
            if (need <= free) {
                return RoomPlan.fits(evict);
            }
        }
        return RoomPlan.refused(refusal(target, need, budget, ceiling, reserve, other, staying));
    }

    /** The numbers, and only the advice that can work with them. */
    private static String refusal(String target, long need, long budget, long ceiling, long reserve,
                                  long other, List<Occupant> staying) {
        List<Occupant> pinned = staying.stream().filter(o -> o.pinned() && !o.leaving()).toList();
        long held = pinned.stream().mapToLong(Occupant::footprint).sum();
        long most = budget - reserve - other - held;
        String pins = pinned.isEmpty() ? "no pinned models" : "pinned models " + ByteSize.format(held) + " ("
                + pinned.stream().map(o -> o.id() + " " + ByteSize.format(o.footprint()))
                        .collect(Collectors.joining(", ")) + ")";
        return "model '" + target + "' needs " + ByteSize.format(need) + " but at most "
                + ByteSize.format(Math.max(0, most)) + " can be made free: budget " + ByteSize.format(budget)
                + ", reserve " + ByteSize.format(reserve) + ", other programs " + ByteSize.format(other) + ", "
                + pins + ". Nothing was stopped. " + advice(need, budget, ceiling, reserve, !pinned.isEmpty(), other > 0);
    }

    /**
     * Lowering the model's memory always can; the ways to make room (a larger budget, unpinning, closing
     * other programs), alone or together, only for a model that fits the largest budget there can be.
     */
    private static String advice(long need, long budget, long ceiling, long reserve, boolean pins, boolean others) {
        String lower = "Lower the model's memory (context size, quantization)";
        if (need > Math.max(budget, ceiling) - reserve) {
            return lower;
        }
        List<String> room = new ArrayList<>();
        if (ceiling > budget) {
            room.add("raise memory.budget");
        }
        if (pins) {
            room.add("unpin a model");
        }
        if (others) {
            room.add("close other programs that use the memory");
        }
        return room.isEmpty() ? lower : lower + ", or make room for it: " + String.join(", ", room);
    }
}
