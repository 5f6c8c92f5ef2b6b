package dev.swapdeck.ui.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.PeerModels;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.process.ProcessInfo;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.TestModels;
import dev.swapdeck.ui.EngineSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which target the playground offers before the person picks one or sends to one, from snapshots. */
class PlaygroundViewModelTest {
    private final ModelConfig alpha = TestModels.model("alpha").aliases("a").build();
    private final ModelConfig broken = TestModels.model("broken").build();
    private final ModelConfig coder = TestModels.model("coder").build();
    private final SwapdeckConfig config = TestModels.config(alpha, broken, coder);
    private final PlaygroundViewModel playground = new PlaygroundViewModel(() -> "http://127.0.0.1:1/v1", Runnable::run);

    @Test
    void offersTheRunningModelAndNeverOneThatFailed() {
        playground.apply(snapshot(stopped(alpha), stopped(broken), stopped(coder)));
        assertEquals("alpha", playground.targetProperty().get(), "nothing running: the first model");
        assertEquals(List.of("alpha", "broken", "coder", "a"), playground.targets());

        playground.apply(snapshot(stopped(alpha), stopped(broken), ready(coder)));
        assertEquals("coder", playground.targetProperty().get(), "the model that answers at once");

        playground.apply(snapshot(stopped(alpha), stopped(broken), stopped(coder)));
        assertEquals("coder", playground.targetProperty().get(), "stays once it stops");

        playground.apply(snapshot(stopped(alpha), ready(broken), stopped(coder)));
        playground.apply(snapshot(stopped(alpha), failed(broken), stopped(coder)));
        assertEquals("alpha", playground.targetProperty().get(), "not the model whose start failed");
    }

    @Test
    void aTargetThePersonPickedStaysWhateverRuns() {
        playground.apply(snapshot(stopped(alpha), stopped(broken), stopped(coder)));
        playground.targetProperty().set("a");
        playground.apply(snapshot(stopped(alpha), stopped(broken), ready(coder)));
        assertEquals("a", playground.targetProperty().get());

        SwapdeckConfig withoutAlpha = TestModels.config(broken, coder);
        playground.apply(new EngineSnapshot(withoutAlpha, List.of(stopped(broken), ready(coder)), List.of(),
                Optional.empty(), false, System.nanoTime(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty()));
        assertEquals("coder", playground.targetProperty().get(), "its pick left the configuration: the default again");
    }

    @Test
    void theDefaultStopsFollowingOnceThePersonStartsChoosing() {
        playground.apply(snapshot(stopped(alpha), stopped(broken), stopped(coder)));
        playground.holdTarget();
        playground.apply(snapshot(stopped(alpha), stopped(broken), ready(coder)));
        assertEquals("alpha", playground.targetProperty().get());
    }

    /** The proxy's answer when a model's start fails after the loading messages began the response. */
    @Test
    void aTargetSentToStaysAfterItsModelFailed() throws Exception {
        try (ScriptedUpstream proxy = ScriptedUpstream.start(ScriptedUpstream.Ending.LAST_CHUNK,
                "event: error\ndata: {\"error\":{\"message\":\"alpha exited with code 1 during start\"}}\n\n")) {
            PlaygroundViewModel sender = sentOnce(proxy, snapshot(stopped(alpha), stopped(broken), stopped(coder)), "alpha");
            sender.apply(snapshot(failed(alpha), stopped(broken), stopped(coder)));
            assertEquals("alpha", sender.targetProperty().get(), "the next Send would go elsewhere");
            assertEquals("the server sent an error: alpha exited with code 1 during start", sender.statsProperty().get());
        }
    }

    /** An answer that came whole holds nothing: the default goes on following the model that runs. */
    @Test
    void aTargetThatAnsweredStillFollowsTheRunningModel() throws Exception {
        try (ScriptedUpstream proxy = ScriptedUpstream.start(ScriptedUpstream.Ending.LAST_CHUNK,
                "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n")) {
            PlaygroundViewModel sender = sentOnce(proxy, snapshot(ready(alpha), stopped(broken), stopped(coder)), "alpha");
            sender.apply(snapshot(stopped(alpha), stopped(broken), ready(coder)));
            assertEquals("coder", sender.targetProperty().get(), "the model loaded since, as before the Send");
        }
    }

    /** A playground on {@code first} that sent one prompt, to the default {@code target}, and saw its answer end. */
    private static PlaygroundViewModel sentOnce(ScriptedUpstream proxy, EngineSnapshot first, String target) {
        PlaygroundViewModel sender = new PlaygroundViewModel(proxy::baseUrl, Runnable::run);
        sender.apply(first);
        assertEquals(target, sender.targetProperty().get(), "the default");
        sender.send();
        Await.until(() -> "the answer's end: " + sender.statsProperty().get(), Duration.ofSeconds(10),
                () -> !sender.runningProperty().get());
        return sender;
    }

    @Test
    void offersSelectorsAndPeersModelsAsV1ModelsListsThem() throws Exception {
        SwapdeckConfig rules = ConfigLoader.parse(String.join("\n",
                "models:",
                "  fast: {cmd: \"fast --port ${PORT}\", aliases: [quick]}",
                "  smart: {cmd: \"smart --port ${PORT}\"}",
                "selectors:",
                "  best: {strategy: warm, targets: [smart, fast]}",
                "peers:",
                "  gpu-box:",
                "    proxy: http://127.0.0.1:61234",
                "    models: [qwen3-235b]",
                ""), "config.yaml", Optional.empty());
        List<ModelConfig> peersModels = PeerModels.of(rules);
        playground.apply(new EngineSnapshot(rules, List.of(), peersModels, Optional.empty(), false, System.nanoTime(),
                Optional.empty(), Optional.empty(), Map.of(), Optional.empty()));
        assertEquals(List.of("fast", "smart", "best", peersModels.get(0).id(), "quick"), playground.targets());
    }

    private EngineSnapshot snapshot(ModelStatus... models) {
        return new EngineSnapshot(config, List.of(models), List.of(), Optional.empty(), false, System.nanoTime(),
                Optional.empty(), Optional.empty(), Map.of(), Optional.empty());
    }

    private static ModelStatus stopped(ModelConfig model) {
        return status(model, ProcessState.STOPPED, Optional.empty());
    }

    private static ModelStatus ready(ModelConfig model) {
        return status(model, ProcessState.READY, Optional.empty());
    }

    private static ModelStatus failed(ModelConfig model) {
        return status(model, ProcessState.STOPPED, Optional.of("exited with code 1 during start"));
    }

    private static ModelStatus status(ModelConfig model, ProcessState state, Optional<String> lastError) {
        return new ModelStatus(model, new ProcessInfo(state, OptionalLong.empty(), Instant.now(), System.nanoTime(),
                Optional.empty(), 0, 0, lastError, state == ProcessState.READY, OptionalInt.empty()), 0, List.of(),
                Optional.empty());
    }
}
