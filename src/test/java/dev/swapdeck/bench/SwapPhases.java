package dev.swapdeck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Where one swap A→B spends its time, read off Swapdeck's own timeline (same wall clock as the bench):
 * request sent → A {@code stopping} → A {@code stopped} → B {@code starting} → B's first output line
 * (its process runs) → B healthy (the bench's poller) → B {@code ready} → answer received. Printed per
 * swap and reported as medians, so a swap's cost can be pinned on one phase.
 */
record SwapPhases(double toStopping, double stopping, double stoppedToStarting, double startingToFirstLine,
                  double firstLineToHealthy, double healthyToReady, double readyToAnswer) {

    static SwapPhases read(EventTape tape, String a, String b, Instant sent, Instant healthy, Instant answered) {
        Duration wait = Duration.ofSeconds(10);
        JsonNode stopping = tape.await(EventTape.state(a, "ready", "stopping"), wait);
        JsonNode stopped = tape.await(EventTape.state(a, "stopping", "stopped"), wait);
        JsonNode starting = tape.await(EventTape.state(b, "stopped", "starting"), wait);
        JsonNode firstLine = tape.await(EventTape.upstreamLine(b, ""), wait);
        JsonNode ready = tape.await(EventTape.state(b, "starting", "ready"), wait);
        SwapPhases phases = new SwapPhases(
                millis(sent, EventTape.at(stopping)),
                EventTape.millisBetween(stopping, stopped),
                EventTape.millisBetween(stopped, starting),
                EventTape.millisBetween(starting, firstLine),
                millis(EventTape.at(firstLine), healthy),
                millis(healthy, EventTape.at(ready)),
                millis(EventTape.at(ready), answered));
        System.out.println("  swap phases: " + phases);
        return phases;
    }

    static void report(List<SwapPhases> all, Results results) {
        row(all, results, "request -> A stopping", SwapPhases::toStopping);
        row(all, results, "A stopping -> A stopped", SwapPhases::stopping);
        row(all, results, "A stopped -> B starting", SwapPhases::stoppedToStarting);
        row(all, results, "B starting -> B's first output line", SwapPhases::startingToFirstLine);
        row(all, results, "B's first line -> B healthy (poller)", SwapPhases::firstLineToHealthy);
        row(all, results, "B healthy -> B ready", SwapPhases::healthyToReady);
        row(all, results, "B ready -> answer received", SwapPhases::readyToAnswer);
    }

    private static void row(List<SwapPhases> all, Results results, String phase, ToDoubleFunction<SwapPhases> of) {
        List<Double> values = all.stream().map(of::applyAsDouble).collect(Collectors.toList());
        results.add("9. ... swap phase: " + phase + " (median of " + values.size() + ")", "—",
                Results.ms1(Stats.median(values)), "max " + Results.ms1(Stats.max(values)), "—", null);
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }
}
