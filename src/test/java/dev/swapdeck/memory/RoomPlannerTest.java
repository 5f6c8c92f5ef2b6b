package dev.swapdeck.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SPEC §11's rule, one table row per case: sizes in GiB, {@code lastUsed} smaller is older. */
class RoomPlannerTest {
    private static final long G = ByteSize.GIB;

    private static Occupant idle(String id, long gib, long lastUsed) {
        return new Occupant(id, gib * G, false, false, false, lastUsed);
    }

    private static Occupant busy(String id, long gib, long lastUsed) {
        return new Occupant(id, gib * G, false, true, false, lastUsed);
    }

    private static Occupant pinned(String id, long gib) {
        return new Occupant(id, gib * G, true, false, false, 0);
    }

    private static Occupant leaving(String id, long gib) {
        return new Occupant(id, gib * G, false, false, true, 99);
    }

    private static RoomPlan plan(long need, long budget, long reserve, long other, List<Occupant> occupants,
                                 Set<String> forced) {
        return RoomPlanner.plan("t", need * G, budget * G, Long.MAX_VALUE, reserve * G, other * G, occupants, forced);
    }

    private static RoomPlan plan(long need, long budget, List<Occupant> occupants) {
        return plan(need, budget, 0, 0, occupants, Set.of());
    }

    @Test
    void aModelThatFitsStartsNextToTheRunningOnes() {
        assertEquals(RoomPlan.fits(List.of()), plan(8, 24, List.of(idle("a", 8, 1), idle("b", 8, 2))));
        assertEquals(RoomPlan.fits(List.of()), plan(24, 24, List.of()), "exactly the budget fits");
    }

    @Test
    void theLeastRecentlyUsedIdleModelGoesFirst() {
        assertEquals(List.of("b"), plan(8, 24, List.of(idle("a", 8, 5), idle("b", 8, 1), idle("c", 8, 3))).evict());
    }

    @Test
    void modelsGoInLruOrderUntilItFits() {
        assertEquals(List.of("b", "c"), plan(12, 24, List.of(idle("a", 8, 5), idle("b", 4, 1), idle("c", 8, 3))).evict());
    }

    @Test
    void pinnedModelsAreNeverEvictedToMakeRoom() {
        assertEquals(List.of("b"), plan(8, 24, List.of(pinned("a", 8), idle("b", 8, 9), idle("c", 8, 10))).evict());
    }

    @Test
    void idleModelsGoBeforeBusyOnesWhateverTheirAge() {
        assertEquals(List.of("idle"), plan(8, 24, List.of(busy("busy", 8, 1), idle("idle", 8, 9), idle("x", 8, 10)))
                .evict());
    }

    @Test
    void aBusyModelIsEvictedOnlyWhenNothingIdleIsLeftAndIsThenWaitedFor() {
        RoomPlan plan = plan(16, 24, List.of(busy("busy", 8, 1), idle("idle", 8, 9), pinned("p", 8)));
        assertEquals(List.of("idle", "busy"), plan.evict());
    }

    @Test
    void modelsAlreadyLeavingAreCountedFirstAtNoCost() {
        assertEquals(List.of("going"), plan(8, 16, List.of(idle("a", 8, 1), leaving("going", 8))).evict());
    }

    @Test
    void otherProgramsAndTheReserveShrinkTheRoom() {
        List<Occupant> two = List.of(idle("a", 8, 1), idle("b", 4, 2));
        assertEquals(List.of(), plan(8, 24, 0, 0, two, Set.of()).evict());
        assertEquals(List.of("a"), plan(8, 24, 0, 6, two, Set.of()).evict(), "6 GiB used by another program");
        assertEquals(List.of("a"), plan(8, 24, 5, 0, two, Set.of()).evict(), "5 GiB reserved");
    }

    @Test
    void evictionsTheSwapRulesForceCountAsGone() {
        List<Occupant> two = List.of(idle("a", 8, 1), idle("b", 8, 2));
        assertEquals(List.of(), plan(16, 24, 0, 0, two, Set.of("a")).evict());
        assertEquals(List.of("b"), plan(20, 24, 0, 0, two, Set.of("a")).evict());
    }

    @Test
    void aModelTooBigForTheBudgetIsRefusedWithTheNumbersAndNothingStops() {
        RoomPlan plan = plan(30, 22, 1, 2, List.of(idle("a", 4, 1), pinned("qwen", 9)), Set.of());
        assertFalse(plan.fits());
        assertEquals(List.of(), plan.evict());
        String why = plan.refusal().orElseThrow();
        assertEquals("model 't' needs 30.0 GiB but at most 10.0 GiB can be made free: budget 22.0 GiB, reserve "
                + "1.0 GiB, other programs 2.0 GiB, pinned models 9.0 GiB (qwen 9.0 GiB). Nothing was stopped. Lower "
                + "the model's memory (context size, quantization), or make room for it: raise memory.budget, unpin a "
                + "model, close other programs that use the memory", why);
    }

    /** Advice that cannot work is left out: the ways to make room are named only for a model that can fit. */
    @Test
    void aRefusalAdvisesOnlyWhatCanHelp() {
        String lower = "Lower the model's memory (context size, quantization)";
        assertEquals(lower, advice(30, 24, 24, List.of(pinned("p", 12)), 4), "bigger than the GPU: nothing else can help");
        assertEquals(lower, advice(30, 16, 24, List.of(), 0), "a budget raised to all the GPU has is still too small");
        assertEquals(lower + ", or make room for it: raise memory.budget, unpin a model",
                advice(12, 16, 24, List.of(pinned("p", 8)), 0), "fits the budget alone, and a larger one beside the pin");
        assertEquals(lower + ", or make room for it: raise memory.budget, unpin a model, close other programs that use "
                + "the memory", advice(20, 16, 24, List.of(pinned("p", 2)), 1));
        assertEquals(lower + ", or make room for it: unpin a model", advice(20, 24, 24, List.of(pinned("p", 4)), 0));
    }

    /** The advice at the end of the refusal of a model needing {@code need} GiB, with a reserve of 1 GiB. */
    private static String advice(long need, long budget, long ceiling, List<Occupant> occupants, long other) {
        String why = RoomPlanner.plan("big", need * G, budget * G, ceiling * G, G, other * G, occupants, Set.of())
                .refusal().orElseThrow();
        return why.substring(why.indexOf("Nothing was stopped. ") + "Nothing was stopped. ".length());
    }

    @Test
    void pinnedModelsCanMakeAModelUnfitEvenWhenTheBudgetIsLarge() {
        assertTrue(plan(8, 24, List.of(pinned("a", 10), pinned("b", 10))).refusal().isPresent());
    }

    @Test
    void aRunningModelMeasuredAboveItsPredictionMakesTheNextPlanEvictMore() {
        // "a" was predicted at 4 GiB but measures 12: the occupant carries the larger number
        List<Occupant> overshoot = List.of(idle("a", 12, 1), idle("b", 6, 2));
        assertEquals(List.of("a"), plan(6, 16, overshoot).evict());
    }
}
