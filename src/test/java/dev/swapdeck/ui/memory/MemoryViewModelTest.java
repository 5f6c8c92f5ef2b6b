package dev.swapdeck.ui.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.memory.ByteSize;
import dev.swapdeck.memory.Device;
import dev.swapdeck.memory.MemoryReport;
import dev.swapdeck.memory.Prediction;
import dev.swapdeck.ui.StyleClasses;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryViewModelTest {
    private static final long G = ByteSize.GIB;

    private static MemoryReport report(long budget, long reserve, long other, Map<String, MemoryReport.Footprint> models) {
        long swapdeck = models.values().stream().mapToLong(MemoryReport.Footprint::measured).sum();
        return new MemoryReport(Optional.of("gpu"), Optional.of(Instant.EPOCH), Optional.empty(), budget, reserve,
                List.of(new Device("GPU 0", 24 * G, swapdeck + other)), swapdeck, other, models);
    }

    private static MemoryReport.Footprint running(long gib) {
        return new MemoryReport.Footprint(gib * G, gib * G, Prediction.Basis.MEASURED, false, true);
    }

    @Test
    void hiddenWithoutAMemorySection() {
        MemoryViewModel vm = new MemoryViewModel();
        vm.apply(Optional.empty());
        assertFalse(vm.visibleProperty().get());
        assertTrue(vm.segments().isEmpty());
    }

    @Test
    void theBudgetIsSplitIntoRunningModelsOtherProgramsAndFreeRoom() {
        MemoryViewModel vm = new MemoryViewModel();
        vm.apply(Optional.of(report(20 * G, 0, 2 * G, Map.of("b", running(8), "a", running(6),
                "idle", new MemoryReport.Footprint(0, 4 * G, Prediction.Basis.DECLARED, true, false)))));

        assertTrue(vm.visibleProperty().get());
        assertEquals(List.of("a 6.0 GiB", "b 8.0 GiB", "other programs 2.0 GiB", "free 4.0 GiB"),
                vm.segments().stream().map(MemorySegment::label).toList());
        assertEquals(List.of(0.3, 0.4, 0.1, 0.2), vm.segments().stream().map(MemorySegment::fraction).toList());
        assertEquals(StyleClasses.MEMORY_OTHER, vm.segments().get(2).styleClass());
        assertEquals("a: measured 6.0 GiB, predicted 6.0 GiB (measured)", vm.segments().get(0).detail());
        assertEquals("GPU memory: 16.0 GiB of a 20.0 GiB budget in use, 4.0 GiB free", vm.summaryProperty().get());
        assertEquals("GPU 0: 16.0 GiB / 24.0 GiB", vm.devicesProperty().get());
    }

    /**
     * Without a GPU the one device is RAM, the summary's own subject: the window showed its raw reading
     * beside the summary's, which counts other programs at their lowest of the last seconds, so two
     * different figures for the same memory stood side by side while anything loaded.
     */
    @Test
    void measuredInRamTheSummaryIsTheOnlyLine() {
        MemoryViewModel vm = new MemoryViewModel();
        vm.apply(Optional.of(new MemoryReport(Optional.of("ram"), Optional.of(Instant.EPOCH), Optional.empty(), 24 * G, G,
                List.of(new Device("RAM", 24 * G, 2 * G + G / 10)), G, G, Map.of())));
        assertEquals("RAM: 2.0 GiB of a 24.0 GiB budget in use, 21.0 GiB free (1.0 GiB reserved)", vm.summaryProperty().get());
        assertEquals("", vm.devicesProperty().get());
    }

    @Test
    void aRunningModelWithNothingMeasuredIsDrawnAtItsPrediction() {
        MemoryViewModel vm = new MemoryViewModel();
        MemoryReport.Footprint unnamed = new MemoryReport.Footprint(0, 2 * G, Prediction.Basis.DECLARED, false, true);
        vm.apply(Optional.of(new MemoryReport(Optional.of("gpu"), Optional.of(Instant.EPOCH), Optional.empty(), 40 * G, 2 * G,
                List.of(new Device("GPU 0", 24 * G, 6 * G)), 2 * G, 6 * G, Map.of("m", unnamed))));

        assertEquals(List.of("m ~2.0 GiB", "other programs 6.0 GiB", "free 30.0 GiB", "reserved 2.0 GiB"),
                vm.segments().stream().map(MemorySegment::label).toList());
        assertEquals(1.0, vm.segments().stream().mapToDouble(MemorySegment::fraction).sum(), 1e-9, "the whole budget");
        assertEquals(StyleClasses.MEMORY_MODEL, vm.segments().get(0).styleClass());
        assertTrue(vm.segments().get(0).detail().contains("counted at its prediction"), vm.segments().get(0).detail());
    }

    @Test
    void whileNvidiaSmiFailsItSaysHowOldTheFiguresAreAndWhy() {
        MemoryViewModel vm = new MemoryViewModel(ZoneOffset.UTC);
        MemoryReport current = report(20 * G, 0, 0, Map.of("a", running(6)));
        vm.apply(Optional.of(current));
        assertEquals("", vm.problemProperty().get());

        vm.apply(Optional.of(new MemoryReport(Optional.of("gpu"), Optional.of(Instant.parse("2026-12-07T10:40:55Z")),
                Optional.of("nvidia-smi failed (exit 9)"), current.budget(), 0, current.devices(), current.swapdeck(), 0,
                current.models())));
        assertEquals("GPU figures from 10:40:55: nvidia-smi failed (exit 9)", vm.problemProperty().get());

        vm.apply(Optional.of(new MemoryReport(Optional.of("ram"), Optional.of(Instant.EPOCH),
                Optional.of("nvidia-smi did not answer within 5000 ms"), current.budget(), 0, current.devices(),
                current.swapdeck(), 0, current.models())));
        assertEquals("RAM figures until nvidia-smi answers: nvidia-smi did not answer within 5000 ms",
                vm.problemProperty().get());

        vm.apply(Optional.of(current));
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void saysWhenTheBudgetIsOverrun() {
        MemoryViewModel vm = new MemoryViewModel();
        vm.apply(Optional.of(report(10 * G, G, 0, Map.of("a", running(12)))));
        assertEquals("GPU memory: 12.0 GiB of a 10.0 GiB budget in use, 0 MiB free (1.0 GiB reserved) — over budget by "
                + "3.0 GiB", vm.summaryProperty().get());
        assertEquals(List.of("a 12.0 GiB", "reserved 1.0 GiB"), vm.segments().stream().map(MemorySegment::label).toList());
    }

    @Test
    void eachModelsFootprintReadsAsMeasuredAndPredicted() {
        Optional<MemoryReport> memory = Optional.of(report(20 * G, 0, 0, Map.of("a", running(6),
                "idle", new MemoryReport.Footprint(0, 4 * G, Prediction.Basis.DECLARED, true, false),
                "new", new MemoryReport.Footprint(0, 0, Prediction.Basis.UNKNOWN, false, false))));
        assertEquals("6.0 GiB now · predicts 6.0 GiB (measured)", MemoryViewModel.footprintText(memory, "a"));
        assertEquals("predicts 4.0 GiB (declared) · pinned", MemoryViewModel.footprintText(memory, "idle"));
        assertEquals("predicts nothing yet", MemoryViewModel.footprintText(memory, "new"));
        assertEquals("", MemoryViewModel.footprintText(Optional.empty(), "a"));
    }
}
