package dev.swapdeck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.testing.TestModels;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReloadSummaryTest {

    @Test
    void namesWhatChangedWhatCameWhatWentAndWhatWasKept() {
        SwapdeckConfig before = TestModels.config(TestModels.model("a").build(), TestModels.model("b").build(),
                TestModels.model("d").build());
        SwapdeckConfig after = TestModels.config(TestModels.model("a").build(),
                TestModels.model("b").cmd(List.of("other", "${PORT}")).build(), TestModels.model("c").build());
        assertEquals("reloaded: changed (stopped if it ran; starts with its new settings when next asked for): b;"
                + " new: c; removed: d; kept as they were: a", ReloadSummary.of(before, after, Set.of("a")));
    }

    @Test
    void aReloadOfTheSameFileKeepsEverything() {
        SwapdeckConfig same = TestModels.config(TestModels.model("a").build());
        assertEquals("reloaded: kept as they were: a", ReloadSummary.of(same, same, Set.of("a")));
    }

    /** A new health check timeout stops every model; the line says why, not that their settings changed. */
    @Test
    void modelsStoppedForANewHealthCheckTimeoutAreNotCalledChanged() throws Exception {
        String models = "models:\n  a: {cmd: 'a ${PORT}'}\n";
        SwapdeckConfig before = ConfigLoader.parse("healthCheckTimeout: 30\n" + models, "c.yaml", Optional.empty());
        SwapdeckConfig after = ConfigLoader.parse("healthCheckTimeout: 40\n" + models, "c.yaml", Optional.empty());
        assertEquals("reloaded: unchanged but stopped if it ran, for the new healthCheckTimeout of 40 s (it applies "
                + "from each model's next start): a", ReloadSummary.of(before, after, Set.of()));
    }
}
