package dev.swapdeck.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The queue order without threads: requests are model names; one model runs at a time; the fake
 * effects record what is admitted and which swap starts, and finish swaps when told.
 */
class SchedulerTest {
    private static final long SECOND = 1_000_000_000L;

    /** A request: which model, and a label to tell requests for one model apart. */
    private record Req(String model, String label) {
    }

    private final Scheduler<Req> scheduler = new Scheduler<>(Duration.ofSeconds(30), Duration.ofMillis(200));
    private final Set<String> running = new LinkedHashSet<>();
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final Map<String, Long> idleSince = new HashMap<>();
    private final List<String> log = new ArrayList<>();
    private Set<String> evicting = new LinkedHashSet<>();
    private Optional<Req> swappingFor = Optional.empty();
    /** Each model's group, where groups swap apart (llama-swap's non-exclusive groups); empty: one model at a time. */
    private final Map<String, String> groupOf = new HashMap<>();

    /** The active list profile's members, which run side by side; a request for another model stops them. */
    private final Set<String> profile = new LinkedHashSet<>();

    private SwapPolicy.Plan planFor(String model, Set<String> resident) {
        Set<String> evict = new LinkedHashSet<>(resident);
        evict.remove(model);
        evict.removeIf(m -> !groupOf.isEmpty() && !groupOf.get(m).equals(groupOf.get(model)));
        if (profile.contains(model)) {
            evict.removeAll(profile);
        }
        return new SwapPolicy.Plan(evict, Optional.empty());
    }

    private final Scheduler.Effects<Req> effects = new Scheduler.Effects<>() {
        @Override
        public SwapPolicy.Plan plan(Req request) {
            return planFor(request.model(), running);
        }

        @Override
        public boolean startsInTheWayOf(Req later, SwapPolicy.Plan laterPlan, Req earlier) {
            Set<String> with = new LinkedHashSet<>(running);
            return with.add(later.model()) && planFor(earlier.model(), with).evict().contains(later.model());
        }

        @Override
        public String model(Req request) {
            return request.model();
        }

        @Override
        public boolean leaving(String model) {
            return evicting.contains(model);
        }

        @Override
        public boolean busy(String model) {
            return inFlight.getOrDefault(model, 0) > 0;
        }

        @Override
        public long answeredNanos(String model) {
            return idleSince.getOrDefault(model, Long.MIN_VALUE);
        }

        @Override
        public boolean swapping() {
            return swappingFor.isPresent();
        }

        @Override
        public boolean parallelSwaps() {
            return !groupOf.isEmpty();
        }

        @Override
        public void admit(Req request, SwapPolicy.Plan plan) {
            if (!profile.contains(request.model())) {
                profile.clear();
            }
            running.add(request.model());
            inFlight.merge(request.model(), 1, Integer::sum);
            log.add("serve " + request.label());
        }

        @Override
        public void swap(Req request, SwapPolicy.Plan plan) {
            evicting.addAll(plan.evict());
            swappingFor = Optional.of(request);
            log.add("swap for " + request.label());
        }
    };

    private void arrive(String model, String label, int priority, long at) {
        scheduler.add(new Req(model, label), priority, at);
        scheduler.pass(effects, at);
    }

    /** A request for {@code model} ends at {@code at}; then time passes beyond the linger. */
    private void finish(String model, long at) {
        inFlight.merge(model, -1, Integer::sum);
        idleSince.put(model, at);
        scheduler.pass(effects, at);
        scheduler.pass(effects, at + SECOND / 2);
    }

    private void swapDone(long at) {
        running.removeAll(evicting);
        evicting.clear();
        swappingFor = Optional.empty();
        scheduler.pass(effects, at);
    }

    /** Groups swap apart: a swap waiting for a busy model of one group holds up no swap in another. */
    @Test
    void aSwapInOneGroupDoesNotWaitForABusyModelOfAnother() {
        groupOf.putAll(Map.of("a", "g1", "b", "g1", "s", "g2", "s2", "g2"));
        arrive("a", "a1", 0, 0);
        arrive("s", "s1", 0, 0);
        finish("a", SECOND);
        arrive("s2", "s2-1", 0, 2 * SECOND);
        arrive("b", "b1", 0, 3 * SECOND);
        assertEquals(List.of("serve a1", "serve s1", "swap for b1"), log, "s is busy; a is idle, in the other group");
        assertEquals(Set.of("a"), evicting);

        finish("s", 4 * SECOND);
        assertEquals("swap for s2-1", log.get(3), "s's group swaps while b's swap is under way");
        assertEquals(Set.of("a", "s"), evicting);
    }

    /**
     * A profile member stopped by its TTL, asked for while an earlier request's swap stops the other
     * member: started first, it would run for one request and then be stopped by that same swap.
     */
    @Test
    void aStoppedModelDoesNotStartAheadOfAnEarlierSwapThatWouldStopIt() {
        profile.addAll(List.of("m1", "m2"));
        running.add("m2");
        arrive("m3", "m3-1", 0, SECOND);
        arrive("m1", "m1-1", 0, 2 * SECOND);
        assertEquals(List.of("swap for m3-1"), log, "m1 would start beside m2, in m3's way");

        swapDone(3 * SECOND);
        assertEquals(List.of("swap for m3-1", "serve m3-1"), log);
        finish("m3", 4 * SECOND);
        assertEquals(List.of("swap for m3-1", "serve m3-1", "swap for m1-1"), log, "then m1, in its turn");
    }

    /** Where the earlier swap would leave it running, a stopped model still starts at once. */
    @Test
    void aStoppedModelOutOfAnEarlierSwapsWayStartsAtOnce() {
        groupOf.putAll(Map.of("a", "g1", "b", "g1", "s", "g2"));
        arrive("a", "a1", 0, 0);
        arrive("b", "b1", 0, SECOND);
        arrive("s", "s1", 0, 2 * SECOND);
        assertEquals(List.of("serve a1", "serve s1"), log, "b's swap stops a, not s of the other group");
    }

    /** A held request keeps its place but neither goes nor chooses a swap until it is let go. */
    @Test
    void aHeldRequestSitsOutThePassesUntilItIsLetGo() {
        arrive("a", "a1", 0, 0);
        finish("a", SECOND);
        Req b1 = new Req("b", "b1");
        scheduler.add(b1, 0, 2 * SECOND);
        scheduler.hold(b1);
        arrive("a", "a2", 0, 3 * SECOND);
        scheduler.pass(effects, 60 * SECOND);
        assertEquals(List.of("serve a1", "serve a2"), log, "b1 is held, even past the longest wait");
        assertEquals(List.of(b1), scheduler.queued());

        finish("a", 61 * SECOND);
        scheduler.unhold(b1);
        scheduler.pass(effects, 62 * SECOND);
        assertEquals("swap for b1", log.get(2));
        assertTrue(scheduler.remove(b1));
        assertTrue(!scheduler.held(b1) && scheduler.isEmpty());
    }

    /** One model at a time (no groups), the same requests: the first that needs a swap chooses it. */
    @Test
    void withoutGroupsTheFirstRequestThatNeedsASwapChoosesIt() {
        arrive("a", "a1", 0, 0);
        arrive("s2", "s2-1", 0, 2 * SECOND);
        arrive("b", "b1", 0, 3 * SECOND);
        assertEquals(List.of("serve a1"), log, "a is busy: s2's swap waits, and b waits behind it");
        finish("a", 4 * SECOND);
        assertEquals(List.of("serve a1", "swap for s2-1"), log);
    }

    @Test
    void aRunningModelServesLaterRequestsWhileASwapWaitsForIt() {
        arrive("a", "a1", 0, 0);
        arrive("b", "b1", 0, SECOND);
        arrive("a", "a2", 0, 2 * SECOND);
        assertEquals(List.of("serve a1", "serve a2"), log, "b's swap waits for a to be idle; a2 jumps ahead");
        finish("a", 3 * SECOND);
        finish("a", 4 * SECOND);
        assertEquals(List.of("serve a1", "serve a2", "swap for b1"), log);
        swapDone(5 * SECOND);
        assertEquals("serve b1", log.get(3));
    }

    @Test
    void anOverdueRequestHoldsBackLaterRequestsForWhatItsSwapStops() {
        arrive("a", "a1", 0, 0);
        arrive("b", "b1", 0, SECOND);
        arrive("a", "a2", 0, 2 * SECOND);
        arrive("a", "a3", 0, 32 * SECOND);
        assertEquals(List.of("serve a1", "serve a2"), log, "b1 has waited 31 s: a3 must not jump ahead of it");
        finish("a", 33 * SECOND);
        finish("a", 34 * SECOND);
        assertEquals("swap for b1", log.get(2));
        swapDone(35 * SECOND);
        assertEquals(List.of("serve a1", "serve a2", "swap for b1", "serve b1"), log);
        finish("b", 36 * SECOND);
        assertEquals("swap for a3", log.get(4));
    }

    /** Where groups swap apart, an overdue request holds back only what its swap stops: another group still swaps. */
    @Test
    void anOverdueRequestHoldsUpNoSwapInAnotherGroup() {
        groupOf.putAll(Map.of("a", "g1", "b", "g1", "s", "g2", "s2", "g2"));
        arrive("a", "a1", 0, 0);
        arrive("b", "b1", 0, SECOND);
        arrive("s", "s1", 0, 2 * SECOND);
        finish("s", 3 * SECOND);
        arrive("a", "a2", 0, 40 * SECOND);
        arrive("s2", "s2-1", 0, 41 * SECOND);
        assertEquals(List.of("serve a1", "serve s1", "swap for s2-1"), log,
                "b1 is overdue behind the busy a, which a2 may not join; s is idle in the other group");
        assertEquals(Set.of("s"), evicting);

        finish("a", 42 * SECOND);
        assertEquals("swap for b1", log.get(3), "b1's swap, beside s2's");
        assertEquals(Set.of("a", "s"), evicting);
    }

    /** A reload fails the queue and routes it again: each request keeps its arrival, so its place and its wait. */
    @Test
    void aRequestQueuedAgainKeepsItsArrival() {
        arrive("a", "a1", 0, 0);
        scheduler.add(new Req("c", "c1"), 0, 20 * SECOND);
        scheduler.add(new Req("b", "b1"), 0, 2 * SECOND);
        assertEquals(List.of("b1", "c1"), scheduler.queued().stream().map(Req::label).toList(),
                "b1, asked at 2 s and queued again after c1, goes first");
        arrive("a", "a2", 0, 33 * SECOND);
        assertEquals(List.of("serve a1"), log, "b1 has waited 31 s since it was first asked: a2 must not jump ahead");
        finish("a", 34 * SECOND);
        assertEquals("swap for b1", log.get(1));
    }

    @Test
    void requestsThatArrivedBeforeTheOverdueOneStillGoFirst() {
        arrive("a", "a1", 0, 0);
        scheduler.add(new Req("a", "a-early"), 0, SECOND);
        evicting = Set.of("a");
        swappingFor = Optional.of(new Req("x", "x"));
        arrive("b", "b1", 0, 2 * SECOND);
        evicting = Set.of();
        swappingFor = Optional.empty();
        scheduler.pass(effects, 40 * SECOND);
        assertTrue(log.contains("serve a-early"), "a-early came before b1, so it is no jumper: " + log);
    }

    @Test
    void higherPriorityRequestsChooseTheNextSwap() {
        arrive("a", "a1", 0, 0);
        arrive("b", "b1", 0, SECOND);
        arrive("c", "c1", 10, 2 * SECOND);
        finish("a", 3 * SECOND);
        assertEquals(List.of("serve a1", "swap for c1"), log);
        swapDone(4 * SECOND);
        finish("c", 5 * SECOND);
        assertEquals(List.of("serve a1", "swap for c1", "serve c1", "swap for b1"), log);
    }

    @Test
    void anOverdueRequestWinsOverPriorities() {
        arrive("a", "a1", 0, 0);
        arrive("b", "b1", 0, SECOND);
        arrive("c", "c1", 10, 40 * SECOND);
        finish("a", 41 * SECOND);
        assertEquals(List.of("serve a1", "swap for b1"), log);
        swapDone(42 * SECOND);
        assertEquals(List.of("serve a1", "swap for b1", "serve b1"), log,
                "once a has stopped, b1 needs no swap: it goes before c1, which would start c in its way");
    }

    @Test
    void aModelThatJustAnsweredLingersForItsClientsNextRequest() {
        arrive("a", "a1", 0, 0);
        arrive("b", "b1", 0, SECOND);
        inFlight.merge("a", -1, Integer::sum);
        idleSince.put("a", 2 * SECOND);
        scheduler.pass(effects, 2 * SECOND);
        arrive("a", "a2", 0, 2 * SECOND + SECOND / 100);
        assertEquals(List.of("serve a1", "serve a2"), log, "a2 came 10 ms after a1's answer: no swap in between");
        finish("a", 3 * SECOND);
        assertEquals("swap for b1", log.get(2), "once a stays idle past the linger, b's swap goes");
    }

    /**
     * Swaps side by side (one group here, as llama-swap's default): a later request must not stop the
     * model an earlier one is letting linger. It did (the model had answered before the later one
     * arrived), and the earlier request then took the room, a swap the later one paid for twice.
     */
    @Test
    void aLaterRequestDoesNotStopTheModelAnEarlierOneLetsLinger() {
        groupOf.putAll(Map.of("a", "g1", "b", "g1", "s", "g1"));
        arrive("s", "s1", 0, 0);
        arrive("a", "a1", 0, SECOND);
        inFlight.merge("s", -1, Integer::sum);
        idleSince.put("s", 2 * SECOND);
        scheduler.pass(effects, 2 * SECOND);
        arrive("b", "b1", 0, 2 * SECOND + SECOND / 10);
        assertEquals(List.of("serve s1"), log, "s lingers for a1's sake: b1's swap must not stop it");
        scheduler.pass(effects, 2 * SECOND + SECOND / 2);
        assertEquals(List.of("serve s1", "swap for a1"), log, "the linger over, the earliest request's swap goes");
    }

    @Test
    void aModelIdleBeforeTheRequestArrivedIsSwappedAtOnce() {
        arrive("a", "a1", 0, 0);
        inFlight.merge("a", -1, Integer::sum);
        idleSince.put("a", SECOND);
        arrive("b", "b1", 0, SECOND + 1);
        assertEquals(List.of("serve a1", "swap for b1"), log);
    }

    @Test
    void aWithdrawnRequestTriggersNoSwap() {
        arrive("a", "a1", 0, 0);
        Req b = new Req("b", "b1");
        scheduler.add(b, 0, SECOND);
        scheduler.pass(effects, SECOND);
        assertTrue(scheduler.remove(b));
        finish("a", 2 * SECOND);
        assertEquals(List.of("serve a1"), log);
        assertTrue(scheduler.isEmpty());
    }
}
