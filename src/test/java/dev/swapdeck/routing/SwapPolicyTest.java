package dev.swapdeck.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SwapPolicyTest {
    private final SwapPolicy policy = new SwapPolicy(Map.of("duo", List.of("a", "b"), "solo", List.of("c")));

    @Test
    void oneModelAtATimeEvictsEveryOtherResident() {
        SwapPolicy.Plan plan = policy.plan("b", Optional.empty(), Set.of("a", "c"), Optional.empty());
        assertEquals(Set.of("a", "c"), plan.evict());
        assertEquals(Optional.empty(), plan.activeProfile());
    }

    @Test
    void theTargetItselfIsNeverEvicted() {
        assertEquals(Set.of(), policy.plan("a", Optional.empty(), Set.of("a"), Optional.empty()).evict());
    }

    @Test
    void aProfileRequestKeepsItsMembersAndEvictsTheRest() {
        SwapPolicy.Plan plan = policy.plan("a", Optional.of("duo"), Set.of("b", "c"), Optional.empty());
        assertEquals(Set.of("c"), plan.evict());
        assertEquals(Optional.of("duo"), plan.activeProfile());
    }

    @Test
    void aPlainRequestForAMemberOfTheActiveProfileEvictsNothing() {
        SwapPolicy.Plan plan = policy.plan("b", Optional.empty(), Set.of("a"), Optional.of("duo"));
        assertEquals(Set.of(), plan.evict());
        assertEquals(Optional.of("duo"), plan.activeProfile());
    }

    @Test
    void aPlainRequestOutsideTheActiveProfileLeavesIt() {
        SwapPolicy.Plan plan = policy.plan("c", Optional.empty(), Set.of("a", "b"), Optional.of("duo"));
        assertEquals(Set.of("a", "b"), plan.evict());
        assertEquals(Optional.empty(), plan.activeProfile());
    }

    @Test
    void switchingProfilesEvictsMembersOfTheOldOne() {
        SwapPolicy.Plan plan = policy.plan("c", Optional.of("solo"), Set.of("a", "b"), Optional.of("duo"));
        assertEquals(Set.of("a", "b"), plan.evict());
        assertEquals(Optional.of("solo"), plan.activeProfile());
    }

    @Test
    void withAMemorySectionUngroupedModelsNoLongerTakeTurnsButDeclaredGroupsStillRule() {
        SwapPolicy rules = SwapPolicy.of(RoutingConfigs.parse("a b c chat", """
                memory: {budget: 20GiB}
                groups:
                  solo: {members: [chat]}
                """));
        assertEquals(Set.of(), rules.plan("b", Optional.empty(), Set.of("a", "c"), Optional.empty()).evict(),
                "memory, not the one-at-a-time default, decides whether b fits next to a and c");
        assertEquals(Set.of(), rules.plan("b", Optional.empty(), Set.of("chat"), Optional.empty()).evict());
        assertEquals(Set.of("a", "c"), rules.plan("chat", Optional.empty(), Set.of("a", "c"), Optional.empty()).evict(),
                "an exclusive declared group still stops the ungrouped models");
    }

    @Test
    void withoutAMemorySectionUngroupedModelsTakeTurns() {
        SwapPolicy rules = SwapPolicy.of(RoutingConfigs.parse("a b", ""));
        assertEquals(Set.of("a"), rules.plan("b", Optional.empty(), Set.of("a"), Optional.empty()).evict());
    }
}
