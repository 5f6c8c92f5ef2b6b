package dev.swapdeck.ui.activity;

import static dev.swapdeck.ui.activity.ActivityRecords.ended;
import static dev.swapdeck.ui.activity.ActivityRecords.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityRecord;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import javafx.collections.ListChangeListener;
import javafx.geometry.Point2D;
import org.junit.jupiter.api.Test;

/** Batching, bounding and formatting of the Activity view's state, without a window. */
class ActivityViewModelTest {
    private final ActivityViewModel viewModel = new ActivityViewModel(5, 3, ZoneOffset.UTC);

    @Test
    void rowsAreNewestFirstFormattedAndBounded() {
        viewModel.accept(List.of(ended(1, "alpha", 200, 41.26), failed(2, "beta")));
        assertEquals("1365934 t/s", ActivityRow.speed(1_365_933.6), "no decimals past 100 tokens/s");
        assertEquals(List.of(2L, 1L), viewModel.rows().stream().map(ActivityRow::seq).toList());
        ActivityRow ok = viewModel.rows().get(1);
        assertEquals(List.of("12:00:01", "alpha", "200", "900 ms", "120 ms", "32", "41.3 t/s"),
                List.of(ok.time(), ok.model(), ok.status(), ok.duration(), ok.firstToken(), ok.tokens(), ok.speed()));
        ActivityRow bad = viewModel.rows().get(0);
        assertTrue(bad.failed());
        assertEquals(List.of("–", "–", "–"), List.of(bad.firstToken(), bad.tokens(), bad.speed()));
        assertEquals("~5", ActivityRow.of(ActivityRecords.cut(3, "alpha"), ZoneOffset.UTC).tokens(),
                "counted from the stream, not reported");

        viewModel.accept(records(3, 12, "alpha"));
        assertEquals(List.of(12L, 11L, 10L, 9L, 8L), viewModel.rows().stream().map(ActivityRow::seq).toList());
        assertEquals("12 requests since the window opened; the newest 5 shown", viewModel.summaryProperty().get());
    }

    @Test
    void theModelsOfTheRowsHeldAreKnownAndLeaveWithTheirLastRow() {
        viewModel.accept(List.of(ended(1, "alpha", 200, 40), failed(2, "beta")));
        assertEquals(Set.of("alpha", "beta"), Set.copyOf(viewModel.modelsInRows()));
        viewModel.accept(records(3, 6, "gamma"));
        assertEquals(Set.of("beta", "gamma"), Set.copyOf(viewModel.modelsInRows()), "alpha's row trimmed");
        viewModel.accept(records(7, 7, "gamma"));
        assertEquals(Set.of("gamma"), Set.copyOf(viewModel.modelsInRows()));
    }

    @Test
    void aBatchCostsAFixedNumberOfChangesHoweverManyRecordsItHolds() {
        AtomicInteger rowChanges = new AtomicInteger();
        viewModel.rows().addListener((ListChangeListener<ActivityRow>) change -> rowChanges.incrementAndGet());
        viewModel.accept(records(1, 2, "alpha"));
        AtomicInteger pointChanges = new AtomicInteger();
        series(viewModel.speedSeries(), "alpha").points()
                .addListener((ListChangeListener<Point2D>) change -> pointChanges.incrementAndGet());
        rowChanges.set(0);

        viewModel.accept(records(3, 40, "alpha"));
        assertEquals(2, rowChanges.get(), "38 records: the rows changed twice, once to add and once to trim");
        assertEquals(2, pointChanges.get(), "and the full speed series twice: the oldest points out, the newest in");
    }

    @Test
    void seriesArePerModelBoundedAndSkipWhatWasNotReported() {
        viewModel.accept(records(1, 7, "alpha"));
        viewModel.accept(List.of(ended(8, "beta", 200, 9.5), failed(9, "beta")));
        TimeSeries alpha = series(viewModel.speedSeries(), "alpha");
        assertEquals(List.of(5.0, 6.0, 7.0), alpha.points().stream().map(Point2D::getY).toList(),
                "the newest three of seven");
        assertEquals(List.of(1_796_126_405.0, 1_796_126_406.0, 1_796_126_407.0),
                alpha.points().stream().map(Point2D::getX).toList(), "x is the arrival in epoch seconds");
        assertEquals(1, series(viewModel.speedSeries(), "beta").points().size(), "a failure has no speed");
        assertEquals(1, series(viewModel.firstTokenSeries(), "beta").points().size(), "nor a first token");
        assertEquals(120.0, series(viewModel.firstTokenSeries(), "beta").points().get(0).getY());
        assertEquals(9.5, viewModel.lastSpeed("beta").getAsDouble());
        assertFalse(viewModel.lastSpeed("gamma").isPresent());
    }

    /**
     * A request that arrived before others can end after them (a long answer), and the clock can be set
     * back: the series stay in time order, so a line never runs back across the chart.
     */
    @Test
    void seriesStayInTimeOrderWhateverOrderRequestsEndIn() {
        viewModel.accept(List.of(endedAt(1, 10), endedAt(2, 20)));
        viewModel.accept(List.of(endedAt(3, 5)));
        assertEquals(List.of(5.0, 10.0, 20.0), alphaTimes());
        viewModel.accept(List.of(endedAt(4, 30), endedAt(5, 25)));
        assertEquals(List.of(20.0, 25.0, 30.0), alphaTimes(), "the latest three, as the series holds three");
    }

    private List<Double> alphaTimes() {
        return series(viewModel.speedSeries(), "alpha").points().stream().map(p -> p.getX() - EPOCH_S).toList();
    }

    private static final double EPOCH_S = java.time.Instant.parse("2026-12-01T12:00:00Z").getEpochSecond();

    /** A streamed answer of alpha's that arrived {@code seconds} after the epoch of {@link ActivityRecords}. */
    private static ActivityRecord endedAt(long seq, long seconds) {
        ActivityRecord ended = ended(seq, "alpha", 200, 40);
        return new ActivityRecord(seq, ended.at().minusSeconds(seq).plusSeconds(seconds), ended.model(), ended.method(),
                ended.path(), ended.status(), ended.stream(), ended.duration(), ended.timeToFirstToken(), ended.counts(),
                ended.waited(), ended.interruption());
    }

    @Test
    void aModelHasOneColourInBothChartsWhicheverItAppearedInFirst() {
        viewModel.accept(List.of(ActivityRecords.cut(1, "flood")));
        viewModel.accept(List.of(ended(2, "alpha", 200, 40.0)));
        TimeSeries speed = series(viewModel.speedSeries(), "alpha");
        TimeSeries firstToken = series(viewModel.firstTokenSeries(), "alpha");
        assertEquals(firstToken.colour(), speed.colour(), "alpha is first in one chart, second in the other");
        assertEquals(1, speed.colour());
    }

    @Test
    void theChartsDrawOneModelPerColourTheOnesThatAnsweredLast() {
        for (int i = 1; i <= 10; i++) {
            viewModel.accept(List.of(ended(i, "model-" + i, 200, i)));
        }
        assertEquals(names(3, 10), drawn(viewModel.speedSeries()), "the two that answered first left the chart");
        assertEquals(names(3, 10), drawn(viewModel.firstTokenSeries()));
        assertEquals(8, viewModel.speedSeries().stream().map(TimeSeries::colour).distinct().count(), "no colour twice");
        for (TimeSeries speed : viewModel.speedSeries()) {
            assertEquals(speed.colour(), series(viewModel.firstTokenSeries(), speed.name()).colour(), speed.name());
        }
        assertTrue(viewModel.summaryProperty().get().endsWith("; the charts draw the 8 models that answered last"),
                viewModel.summaryProperty().get());

        viewModel.accept(List.of(ended(11, "model-3", 200, 3)));
        viewModel.accept(List.of(ended(12, "model-11", 200, 11)));
        assertTrue(drawn(viewModel.speedSeries()).contains("model-3"), "model-3 answered again, so model-4 made way");
        assertFalse(drawn(viewModel.speedSeries()).contains("model-4"));

        List<ActivityRecord> nine = new ArrayList<>();
        for (int i = 21; i <= 29; i++) {
            nine.add(ended(i, "model-" + i, 200, i));
        }
        viewModel.accept(nine);
        assertEquals(names(22, 29), drawn(viewModel.speedSeries()), "a batch of nine leaves its last eight in both charts");
        assertEquals(names(22, 29), drawn(viewModel.firstTokenSeries()));
    }

    private static List<String> names(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "model-" + i).sorted().toList();
    }

    private static List<String> drawn(List<TimeSeries> all) {
        return all.stream().map(TimeSeries::name).sorted().toList();
    }

    @Test
    void recordsSeenBeforeAreIgnoredSoTheSeedAndLiveEventsMayOverlap() {
        viewModel.accept(records(1, 3, "alpha"));
        viewModel.accept(records(2, 4, "alpha"));
        assertEquals(List.of(4L, 3L, 2L, 1L), viewModel.rows().stream().map(ActivityRow::seq).toList());
        assertEquals(List.of(2.0, 3.0, 4.0), series(viewModel.speedSeries(), "alpha").points().stream()
                .map(Point2D::getY).toList(), "each request charted once, the newest three kept");
    }

    @Test
    void aHiddenViewChangesNothingAndShowsWhatItWouldHaveWhenShownAgain() {
        ActivityViewModel alwaysShown = new ActivityViewModel(5, 3, ZoneOffset.UTC);
        List<List<ActivityRecord>> batches = List.of(records(1, 4, "alpha"),
                List.of(ended(5, "beta", 200, 9.5), failed(6, "beta")), records(7, 30, "alpha"),
                List.of(failed(31, "beta")));
        viewModel.accept(batches.get(0));
        AtomicInteger changes = new AtomicInteger();
        viewModel.rows().addListener((ListChangeListener<ActivityRow>) change -> changes.incrementAndGet());
        viewModel.speedSeries().addListener((ListChangeListener<TimeSeries>) c -> changes.incrementAndGet());
        viewModel.summaryProperty().addListener((obs, was, now) -> changes.incrementAndGet());

        viewModel.shownProperty().set(false);
        batches.subList(1, batches.size()).forEach(viewModel::accept);
        assertEquals(0, changes.get(), "no row, series or summary changed while hidden");
        assertEquals(9.5, viewModel.lastSpeed("beta").getAsDouble(), "the speeds are known at once all the same");
        viewModel.shownProperty().set(true);

        batches.forEach(alwaysShown::accept);
        assertEquals(alwaysShown.rows().stream().map(ActivityRow::seq).toList(),
                viewModel.rows().stream().map(ActivityRow::seq).toList());
        assertEquals(alwaysShown.summaryProperty().get(), viewModel.summaryProperty().get(),
                "31 requests counted, though only the newest of each model were held");
        for (String model : List.of("alpha", "beta")) {
            assertEquals(points(alwaysShown.speedSeries(), model), points(viewModel.speedSeries(), model));
            assertEquals(points(alwaysShown.firstTokenSeries(), model), points(viewModel.firstTokenSeries(), model));
        }
    }

    private static List<Double> points(List<TimeSeries> all, String model) {
        return series(all, model).points().stream().map(Point2D::getY).toList();
    }

    private static List<ActivityRecord> records(long from, long to, String model) {
        List<ActivityRecord> records = new ArrayList<>();
        LongStream.rangeClosed(from, to).forEach(seq -> records.add(ended(seq, model, 200, seq)));
        return records;
    }

    private static TimeSeries series(List<TimeSeries> all, String name) {
        return all.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
