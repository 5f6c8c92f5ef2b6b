package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.event.Event;
import dev.swapdeck.process.ProcessInfo;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.routing.InFlightChanged;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.testing.TestModels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A stream's events are rendered after they happened, while {@code GET /models} says how things are
 * now: an in-flight change must not tell a status ahead of the process's own moves still to come.
 */
class ModelStatusEventsTest {
    private final ModelConfig model = TestModels.model("a").build();
    private final AtomicReference<ModelStatus> now = new AtomicReference<>(status(ProcessState.STOPPED, 0, false));
    private final ModelStatusEvents events = new ModelStatusEvents(() -> List.of(now.get()));

    @Test
    void aStopIsToldOnceInOrderEvenWhenAnInFlightChangeIsRenderedAfterTheProcessHasStopped() {
        List<String> told = new ArrayList<>();
        render(told, move(ProcessState.STOPPED, ProcessState.STARTING));
        render(told, move(ProcessState.STARTING, ProcessState.READY));
        now.set(status(ProcessState.STOPPED, 0, false)); // the unload is over before the stream renders it
        render(told, new InFlightChanged("a", 0, Instant.now()));
        render(told, move(ProcessState.READY, ProcessState.STOPPING));
        render(told, move(ProcessState.STOPPING, ProcessState.STOPPED));

        assertEquals(List.of("loading", "loaded", "unloaded"), told);
    }

    @Test
    void aLoadWaitingForASwapIsLoadingAndUnloadedAgainWhenItGivesUp() {
        List<String> told = new ArrayList<>();
        now.set(status(ProcessState.STOPPED, 1, false));
        render(told, new InFlightChanged("a", 1, Instant.now()));
        now.set(status(ProcessState.STOPPED, 0, false));
        render(told, new InFlightChanged("a", 0, Instant.now()));

        assertEquals(List.of("loading", "unloaded"), told);
    }

    /** A reader that missed events is told every status that changed meanwhile, and nothing it knows already. */
    @Test
    void afterEventsWereDroppedEachStatusThatChangedIsToldAgain() {
        List<String> told = new ArrayList<>();
        render(told, move(ProcessState.STOPPED, ProcessState.STARTING));
        now.set(new ModelStatus(model, new ProcessInfo(ProcessState.STOPPED, OptionalLong.empty(), Instant.now(),
                System.nanoTime(), Optional.empty(), 0, 0, Optional.of("it died"), false, OptionalInt.of(3)), 0, List.of(),
                Optional.empty())); // its ready and the crash that stopped it were dropped
        String notice = events.dropped(0, 2);

        assertEquals(": 2 events dropped: this reader was too slow\n\n"
                + "data: {\"model\":\"a\",\"event\":\"model_status\",\"data\":{\"status\":\"unloaded\",\"exit_code\":3,"
                + "\"failed\":true}}\n\n", notice);
        assertEquals(": 1 events dropped: this reader was too slow\n\n", events.dropped(0, 1));
        assertEquals(List.of("loading"), told);
    }

    private void render(List<String> told, Event event) {
        String text = events.render(event);
        if (text != null) {
            told.add(text.replaceAll("(?s).*\"status\":\"([a-z]+)\".*", "$1"));
        }
    }

    private static StateChanged move(ProcessState from, ProcessState to) {
        return new StateChanged("a", from, to, Instant.now(), "test");
    }

    private ModelStatus status(ProcessState state, int waiting, boolean wasReady) {
        return new ModelStatus(model, new ProcessInfo(state, OptionalLong.empty(), Instant.now(), System.nanoTime(),
                Optional.empty(), 0, 0, Optional.empty(), wasReady, OptionalInt.empty()), waiting, List.of(), Optional.empty());
    }
}
