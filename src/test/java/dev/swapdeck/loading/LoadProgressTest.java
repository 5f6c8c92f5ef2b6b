package dev.swapdeck.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.loading.LoadProgress.Stage;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.state.StateFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learned load times and the progress they give, as pure values. */
class LoadProgressTest {

    @Test
    void aModelNeverLoadedShowsOnlyItsElapsedTime() {
        LoadProgress progress = new LoadProgress("m", Instant.now(), Duration.ofSeconds(3), Optional.empty(), Stage.LOADING);
        assertTrue(progress.indeterminate());
        assertEquals(Optional.empty(), progress.remaining());
    }

    @Test
    void progressIsElapsedOverExpectedAndNeverCompleteUntilReady() {
        Duration expected = Duration.ofSeconds(10);
        LoadProgress early = new LoadProgress("m", Instant.now(), Duration.ofSeconds(4), Optional.of(expected), Stage.LOADING);
        assertEquals(0.4, early.fraction().getAsDouble(), 1e-9);
        assertEquals(Duration.ofSeconds(6), early.remaining().orElseThrow());
        LoadProgress late = new LoadProgress("m", Instant.now(), Duration.ofSeconds(30), Optional.of(expected), Stage.LOADING);
        assertEquals(LoadProgress.MAX_RUNNING_FRACTION, late.fraction().getAsDouble(), 1e-9);
        assertEquals(Duration.ZERO, late.remaining().orElseThrow());
        LoadProgress done = new LoadProgress("m", Instant.now(), Duration.ofSeconds(30), Optional.of(expected), Stage.READY);
        assertEquals(1.0, done.fraction().getAsDouble(), 1e-9);
    }

    /** The last event of a start that ends otherwise than ready says so; it looked like a load done. */
    @Test
    void aFailedStartKeepsHowFarItCameAndHasNothingLeft() throws Exception {
        LoadTimes times = LoadTimes.inMemory();
        times.learn("m", Duration.ofSeconds(10));
        Instant start = Instant.now();
        long nanos = System.nanoTime();
        LoadProgress last = lastPublished(times, move(ProcessState.STOPPED, ProcessState.STARTING, start, nanos),
                move(ProcessState.STARTING, ProcessState.STOPPING, start.plusSeconds(4), nanos + 4_000_000_000L));
        assertTrue(last.finished() && last.failed(), "the last event of the start, a failed one");
        assertEquals(0.4, last.fraction().getAsDouble(), 1e-9, "as far as it came, not 1");
        assertEquals(Optional.empty(), last.remaining());
        assertEquals(Duration.ofSeconds(10), times.expected("m").orElseThrow(), "nothing learnt from it");
    }

    /** An NTP step of two hours during a three-second load was learnt as a two-hour load. */
    @Test
    void aLoadIsMeasuredOnTheMonotonicClockNotTheWallClockThatJumpedDuringIt() throws Exception {
        LoadTimes times = LoadTimes.inMemory();
        Instant start = Instant.now();
        long nanos = System.nanoTime();
        LoadProgress last = lastPublished(times, move(ProcessState.STOPPED, ProcessState.STARTING, start, nanos),
                move(ProcessState.STARTING, ProcessState.READY, start.plus(Duration.ofHours(2)).plusSeconds(3),
                        nanos + 3_000_000_000L));
        assertEquals(Duration.ofSeconds(3), times.expected("m").orElseThrow());
        assertEquals(Duration.ofSeconds(3), last.elapsed());
    }

    /** The last progress a real tracker publishes for {@code moves}. */
    private static LoadProgress lastPublished(LoadTimes times, StateChanged... moves) throws Exception {
        EventBus bus = new EventBus();
        List<LoadProgress> published = new ArrayList<>();
        try (LoadTracker tracker = new LoadTracker(bus, times, (level, model, message) -> { });
             AutoCloseable listening = bus.subscribe(event -> {
                 if (event instanceof LoadProgress progress) {
                     published.add(progress);
                 }
             })) {
            for (StateChanged move : moves) {
                bus.publish(move);
            }
        }
        return published.get(published.size() - 1);
    }

    /** A state folder that cannot be written warned after every model's start, the same words each time. */
    @Test
    void aSaveThatKeepsFailingIsSaidOnce(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve(LoadTimes.FILE)); // no file can be renamed onto a folder
        LoadTimes times = LoadTimes.in(new StateFolder(dir), problem -> { });
        EventBus bus = new EventBus();
        List<String> warned = new ArrayList<>();
        Instant start = Instant.now();
        long nanos = System.nanoTime();
        try (LoadTracker tracker = new LoadTracker(bus, times, (level, model, message) -> warned.add(message))) {
            for (int i = 0; i < 3; i++) {
                bus.publish(move(ProcessState.STOPPED, ProcessState.STARTING, start, nanos));
                bus.publish(move(ProcessState.STARTING, ProcessState.READY, start.plusSeconds(1), nanos + 1_000_000_000L));
                bus.publish(move(ProcessState.READY, ProcessState.STOPPING, start.plusSeconds(2), nanos + 2_000_000_000L));
                bus.publish(move(ProcessState.STOPPING, ProcessState.STOPPED, start.plusSeconds(2), nanos + 2_000_000_000L));
            }
        }
        assertEquals(1, warned.stream().filter(w -> w.startsWith("cannot save learned load times")).count(), warned::toString);
    }

    private static StateChanged move(ProcessState from, ProcessState to, Instant at, long nanos) {
        return new StateChanged("m", from, to, at, nanos, "test", false, OptionalInt.empty());
    }

    @Test
    void theMedianOfTheLastStartsIsExpectedSoOneColdStartDoesNotSkewIt() {
        LoadTimes times = LoadTimes.inMemory();
        times.learn("m", Duration.ofMillis(9000));
        assertEquals(Duration.ofMillis(9000), times.expected("m").orElseThrow());
        times.learn("m", Duration.ofMillis(1000));
        times.learn("m", Duration.ofMillis(1200));
        assertEquals(Duration.ofMillis(1200), times.expected("m").orElseThrow());
        List<Long> later = new ArrayList<>(List.of(1100L, 1300L, 1250L, 1150L, 1200L));
        later.forEach(ms -> times.learn("m", Duration.ofMillis(ms)));
        assertEquals(Duration.ofMillis(1200), times.expected("m").orElseThrow(), "only the last 5 count");
    }

    @Test
    void swapdecksSharingAStateFolderKeepEachOthersLoadTimes(@TempDir Path dir) throws Exception {
        StateFolder folder = new StateFolder(dir);
        LoadTimes one = LoadTimes.in(folder, problem -> { throw new AssertionError(problem); });
        LoadTimes other = LoadTimes.in(folder, problem -> { throw new AssertionError(problem); });
        one.learn("a", Duration.ofMillis(1500));
        one.save();
        other.learn("b", Duration.ofMillis(2500));
        other.save();
        one.learn("a", Duration.ofMillis(1700));
        one.save();

        LoadTimes next = LoadTimes.in(folder, problem -> { throw new AssertionError(problem); });
        assertEquals(Optional.of(Duration.ofMillis(1600)), next.expected("a"));
        assertEquals(Optional.of(Duration.ofMillis(2500)), next.expected("b"), "the other's model survives");
    }

    @Test
    void entriesOfTheWrongKindAreLeftOutWithAWarning(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(LoadTimes.FILE), "{\"a\": [1000, \"soon\"], \"b\": \"fast\", \"c\": [2000]}");
        List<String> problems = new ArrayList<>();
        LoadTimes times = LoadTimes.in(new StateFolder(dir), problems::add);
        assertEquals(Optional.of(Duration.ofMillis(1000)), times.expected("a"));
        assertEquals(Optional.empty(), times.expected("b"));
        assertEquals(Optional.of(Duration.ofMillis(2000)), times.expected("c"));
        assertEquals(List.of("ignoring what is not a list of milliseconds, each under a day, in the learned load times of a: [1000,\"soon\"]",
                "ignoring what is not a list of milliseconds, each under a day, in the learned load times of b: \"fast\""), problems);
    }

    /**
     * A damaged file's ten-billion-second load time overflowed the progress's arithmetic: every event
     * stream was cut at that model's first loading event and /api/models answered 500 until it was ready.
     */
    @Test
    void loadTimesOverADayAreLeftOutAndNoneOverflowsTheProgress(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(LoadTimes.FILE),
                "{\"a\": [10000000000000], \"b\": [9000000000000000000, 9000000000000000000], \"c\": [86400000, 86399999]}");
        List<String> problems = new ArrayList<>();
        LoadTimes times = LoadTimes.in(new StateFolder(dir), problems::add);
        assertEquals(Optional.empty(), times.expected("a"));
        assertEquals(Optional.empty(), times.expected("b"));
        assertEquals(Optional.of(Duration.ofMillis(86399999)), times.expected("c"), "the median of the largest kept");
        assertEquals(2, problems.size(), problems::toString);
        times.learn("d", Duration.ofDays(400));
        assertEquals(Optional.of(Duration.ofDays(1)), times.expected("d"));
        LoadProgress centuries = new LoadProgress("m", Instant.now(), Duration.ofDays(1),
                Optional.of(Duration.ofDays(365L * 1000)), Stage.LOADING);
        assertEquals(1.0 / 365_000, centuries.fraction().getAsDouble(), 1e-12);
    }

    @Test
    void learnedTimesSurviveARestartAndABrokenFileIsReportedAndForgotten(@TempDir Path dir) throws Exception {
        StateFolder folder = new StateFolder(dir);
        LoadTimes first = LoadTimes.in(folder, problem -> { throw new AssertionError(problem); });
        first.learn("a/with-slash", Duration.ofMillis(1500));
        first.save();
        assertEquals(Duration.ofMillis(1500),
                LoadTimes.in(folder, problem -> { }).expected("a/with-slash").orElseThrow());

        Files.writeString(dir.resolve(LoadTimes.FILE), "{not json");
        List<String> problems = new ArrayList<>();
        LoadTimes broken = LoadTimes.in(folder, problems::add);
        assertEquals(Optional.empty(), broken.expected("a/with-slash"));
        assertEquals(List.of("cannot read learned load times from " + dir.resolve(LoadTimes.FILE) + ": it is not"
                + " valid JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name"
                + " at line 1, column 2" + LoadTimes.AFRESH), problems);

        for (String notAnObject : List.of("[1,2]", "\"str\"", "null", "")) {
            Files.writeString(dir.resolve(LoadTimes.FILE), notAnObject);
            problems.clear();
            LoadTimes.in(folder, problems::add);
            assertEquals(List.of("cannot read learned load times from " + dir.resolve(LoadTimes.FILE) + ": "
                    + (notAnObject.isEmpty() ? "it is empty"
                    : "it holds " + notAnObject + ", not an object of models and their load times") + LoadTimes.AFRESH),
                    problems);
        }

        Files.write(dir.resolve(LoadTimes.FILE), new byte[] {'{', (byte) 0xff, '}'});
        problems.clear();
        LoadTimes.in(folder, problems::add);
        assertEquals(List.of("cannot read learned load times from " + dir.resolve(LoadTimes.FILE)
                + ": it is not UTF-8 text" + LoadTimes.AFRESH), problems);
    }
}
