package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (from, to) pair against the table as SPEC §3 writes it, independently of the enum's own map. */
class ProcessStateTest {
    private static final Set<String> SPEC_MOVES = Set.of(
            "stopped>starting",
            "starting>ready", "starting>stopping", "starting>stopped",
            "ready>stopping", "ready>stopped",
            "stopping>stopped",
            "stopped>shutdown", "starting>shutdown", "ready>shutdown", "stopping>shutdown");

    static Stream<Arguments> everyPair() {
        return Stream.of(ProcessState.values())
                .flatMap(from -> Stream.of(ProcessState.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyTheMovesTheSpecListsAreAllowed(ProcessState from, ProcessState to) {
        boolean expected = SPEC_MOVES.contains(from.label() + ">" + to.label());
        assertEquals(expected, from.canMoveTo(to));
    }
}
