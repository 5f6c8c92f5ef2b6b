package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.memory.ByteSize;
import dev.swapdeck.memory.MemoryConfig;
import dev.swapdeck.memory.ModelMemory;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC §11's settings: {@code memory: {budget, reserve}} and each model's {@code memory} and {@code pinned}. */
class MemorySettingsTest {

    @Test
    void readsTheBudgetReserveAndEachModelsSettings() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "memory:",
                "  budget: 22GiB",
                "  reserve: 1024",
                "models:",
                "  qwen:",
                "    cmd: q --port ${PORT}",
                "    memory: 9.5G",
                "    pinned: true",
                "  small:",
                "    cmd: s --port ${PORT}",
                ""));
        assertEquals(new MemoryConfig(true, Optional.of(22 * ByteSize.GIB), ByteSize.GIB), config.memory());
        assertEquals(new ModelMemory(Optional.of(9 * ByteSize.GIB + ByteSize.GIB / 2), true),
                config.models().get("qwen").memory());
        assertEquals(ModelMemory.NONE, config.models().get("small").memory());
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
    }

    @Test
    void withoutTheSectionMemoryIsOff() {
        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd: a --port ${PORT}\n");
        assertEquals(MemoryConfig.OFF, config.memory());
        assertFalse(config.memory().enabled());
    }

    @Test
    void anEmptySectionTurnsItOnWithTheGpuTotalAsBudget() {
        SwapdeckConfig config = Configs.parse("memory:\nmodels:\n  a:\n    cmd: a --port ${PORT}\n");
        assertEquals(new MemoryConfig(true, Optional.empty(), 0), config.memory());
    }

    @Test
    void aBadSizeIsAnErrorAtItsValue() {
        assertEquals("config.yaml:5:13: models.a.memory: unknown unit \"gigs\" in \"9 gigs\": use KiB, MiB, GiB or "
                        + "TiB (K/M/G/T and KB/MB/GB/TB mean the same), or a bare number of MiB",
                Configs.error("memory:\nmodels:\n  a:\n    cmd: a --port ${PORT}\n    memory: 9 gigs\n").toString());
        assertEquals("config.yaml:2:11: memory.budget: expected a size such as 9GiB, 9.5G or 9000MiB (a bare number is "
                        + "MiB), got \"lots\"",
                Configs.error("memory:\n  budget: lots\nmodels:\n  a:\n    cmd: a --port ${PORT}\n").toString());
    }

    @Test
    void aReserveThatEatsTheBudgetIsAnError() {
        ConfigProblem e = Configs.error("memory:\n  budget: 2G\n  reserve: 2G\nmodels:\n  a:\n    cmd: a --port ${PORT}\n");
        assertEquals("memory.reserve", e.key());
        assertTrue(e.message().contains("leaves nothing"), e.message());
    }

    @Test
    void modelSettingsWithoutTheSectionAreWarnedAbout() {
        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd: a --port ${PORT}\n    pinned: true\n");
        assertEquals(1, config.warnings().size());
        assertEquals("models.a.pinned", config.warnings().get(0).key());
        assertTrue(config.warnings().get(0).message().contains("without a top-level memory: section"));
    }

    @Test
    void anUnknownKeyInTheSectionIsAWarning() {
        SwapdeckConfig config = Configs.parse("memory:\n  budgett: 2G\nmodels:\n  a:\n    cmd: a --port ${PORT}\n");
        assertEquals("memory.budgett", config.warnings().get(0).key());
    }
}
