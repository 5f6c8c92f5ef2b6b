package dev.swapdeck.ui.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.logging.LogStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogPaneModelTest {
    private long seq;

    private LogLine upstream(String model, String text) {
        return new LogLine(++seq, Instant.now(), LogStream.UPSTREAM, model, LogLevel.guess(text), text);
    }

    private LogLine proxy(LogLevel level, String text) {
        return new LogLine(++seq, Instant.now(), LogStream.PROXY, null, level, text);
    }

    private static List<String> texts(List<StyledLine> lines) {
        return lines.stream().map(StyledLine::text).toList();
    }

    @Test
    void keepsAtMostItsCapacityHoweverMuchArrives() {
        LogPaneModel model = new LogPaneModel(LogStream.UPSTREAM, 100, id -> List.of());
        for (int batch = 0; batch < 50; batch++) {
            List<LogLine> lines = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                lines.add(upstream("a", "line " + batch + "." + i));
            }
            model.accept(lines, 0);
        }
        List<StyledLine> visible = model.visible();
        assertEquals(100, visible.size());
        assertEquals("[a] line 49.39", visible.get(99).text());
    }

    @Test
    void filterAndModelChoiceSelectWhatIsShown() {
        LogPaneModel model = new LogPaneModel(LogStream.UPSTREAM, 100, id -> List.of());
        model.setModelChoices(List.of("a", "b"));
        model.accept(List.of(upstream("a", "alpha ready"), upstream("b", "beta ready"), upstream("a", "slot 0")), 0);

        model.filterProperty().set("READY");
        assertEquals(List.of("[a] alpha ready", "[b] beta ready"), texts(model.visible()));
        model.modelProperty().set("b");
        assertEquals(List.of("beta ready"), texts(model.visible()), "one model's view drops the prefix");
        assertEquals(List.of(), texts(model.accept(List.of(upstream("a", "ready again")), 0)));
    }

    /** The proxy pane's filter finds what its rows show before the text: the level and the time. */
    @Test
    void theProxyFilterMatchesTheLevelAndTimeEachRowShows() {
        Instant noon = Instant.parse("2026-12-06T12:00:00Z");
        LogLine failed = new LogLine(++seq, noon.plusSeconds(3_600), LogStream.PROXY, null, LogLevel.ERROR,
                "a: command not found");
        LogPaneModel model = new LogPaneModel(LogStream.PROXY, 100, id -> List.of());
        model.accept(List.of(new LogLine(++seq, noon, LogStream.PROXY, null, LogLevel.INFO, "listening"), failed,
                new LogLine(++seq, noon, LogStream.PROXY, null, LogLevel.WARN, "slow start")), 0);

        model.filterProperty().set("error");
        assertEquals(List.of(StyledLine.of(failed, false, new ModelPrefixes()).text()), texts(model.visible()));
        model.filterProperty().set("WARN");
        List<String> warnings = texts(model.visible());
        assertTrue(warnings.size() == 1 && warnings.get(0).endsWith("slow start"), warnings.toString());
        model.filterProperty().set(StyledLine.time(failed).substring(0, 5));
        assertEquals(List.of(StyledLine.of(failed, false, new ModelPrefixes()).text()), texts(model.visible()), "the hour and minute it came");
    }

    @Test
    void aChooserWithNoValueMeansEveryModel() {
        LogPaneModel model = new LogPaneModel(LogStream.UPSTREAM, 100, id -> {
            throw new AssertionError("no model history is asked for without a chosen model: " + id);
        });
        model.modelProperty().set(null);
        model.visible();
        model.setModelChoices(List.of("a"));
        assertEquals(LogPaneModel.ALL_MODELS, model.modelProperty().get());
    }

    @Test
    void aModelsOlderLinesComeFromTheEngineHistory() {
        LogLine old = upstream("b", "trimmed long ago");
        LogPaneModel model = new LogPaneModel(LogStream.UPSTREAM, 2, id -> id.equals("b") ? List.of(old) : List.of());
        model.setModelChoices(List.of("a", "b"));
        model.accept(List.of(upstream("a", "x"), upstream("a", "y"), upstream("b", "new")), 0);
        model.modelProperty().set("b");
        assertEquals(List.of("trimmed long ago", "new"), texts(model.visible()));
    }

    @Test
    void clearedLinesStayClearedWhenAModelIsChosen() {
        LogLine old = upstream("b", "before the clear");
        LogPaneModel model = new LogPaneModel(LogStream.UPSTREAM, 100, id -> id.equals("b") ? List.of(old) : List.of());
        model.setModelChoices(List.of("b"));
        model.accept(List.of(old), 0);
        model.clear();
        LogLine after = upstream("b", "after the clear");
        model.accept(List.of(after), 0);

        model.modelProperty().set("b");
        assertEquals(List.of("after the clear"), texts(model.visible()), "the engine's history holds it, the pane was cleared of it");
    }

    @Test
    void seededHistoryIsNotShownTwiceAndDropsAreMarked() {
        LogPaneModel model = new LogPaneModel(LogStream.PROXY, 100, id -> List.of());
        LogLine first = proxy(LogLevel.INFO, "listening");
        model.seed(List.of(first));
        List<StyledLine> appended = model.accept(List.of(first, proxy(LogLevel.WARN, "unknown key")), 7);

        assertEquals(2, appended.size());
        assertTrue(appended.get(0).text().contains("7 events dropped"));
        assertTrue(appended.get(1).text().endsWith("WARN  unknown key"), appended.get(1).text());
        assertEquals(List.of("log-level-tag", "log-warn"), appended.get(1).runs().get(1).styles());
        assertEquals(7, model.droppedProperty().get());
        assertEquals(2, model.visible().size());
    }

    @Test
    void upstreamLinesKeepTheirLevelAndAnsiColours() {
        LogPaneModel model = new LogPaneModel(LogStream.UPSTREAM, 10, id -> List.of());
        StyledLine line = model.accept(List.of(upstream("a", "\u001b[33mwarning: low memory\u001b[0m")), 0).get(0);
        assertEquals("[a] warning: low memory", line.text());
        assertEquals(List.of("log-warn", "ansi-fg-3"), line.runs().get(1).styles());
    }
}
