package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.LogLevel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void aMinimalModelGetsEveryDefault() {
        SwapdeckConfig config = Configs.parse("models:\n  qwen:\n    cmd: llama-server --port ${PORT}\n");
        assertEquals(SwapdeckConfig.DEFAULT_HEALTH_CHECK_TIMEOUT, config.healthCheckTimeout());
        assertEquals(LogLevel.INFO, config.logLevel());
        assertEquals(5800, config.startPort());
        assertEquals(List.of(), config.preload());
        assertEquals(Map.of(), config.profiles());
        assertEquals(List.of(), config.warnings());
        ModelConfig qwen = config.models().get("qwen");
        assertEquals(List.of("llama-server", "--port", "5800"), qwen.cmd());
        assertEquals(List.of(), qwen.cmdStop());
        assertEquals(URI.create("http://127.0.0.1:5800"), qwen.proxy());
        assertEquals(List.of(), qwen.aliases());
        assertEquals(Map.of(), qwen.env());
        assertEquals(Optional.of("/health"), qwen.checkEndpoint());
        assertEquals(Duration.ZERO, qwen.ttl());
        assertFalse(qwen.unlisted());
        assertEquals(Optional.empty(), qwen.useModelName());
        assertEquals(10, qwen.concurrencyLimit());
        assertEquals(Set.of(), qwen.stripParams());
        assertEquals(Optional.of(5800), qwen.port());
        assertEquals(Optional.empty(), qwen.name());
        assertEquals(Optional.empty(), qwen.description());
        assertEquals("qwen", qwen.displayName());
    }

    @Test
    void everyKeyIsRead() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "healthCheckTimeout: 300",
                "logLevel: debug",
                "startPort: 9000",
                "globalTTL: 60",
                "models:",
                "  qwen:",
                "    name: Qwen 7B",
                "    description: a small model",
                "    cmd: |",
                "      llama-server --port ${PORT}",
                "      --model 'My Models/qwen.gguf'",
                "    cmdStop: kill -INT ${PID}",
                "    proxy: http://localhost:${PORT}/",
                "    aliases: [gpt-4o-mini, small]",
                "    env:",
                "      - CUDA_VISIBLE_DEVICES=0,1",
                "      - EMPTY=",
                "      - WITH_EQUALS=a=b",
                "    checkEndpoint: /v1/models",
                "    ttl: 30",
                "    unlisted: true",
                "    useModelName: qwen2.5:7b",
                "    concurrencyLimit: 2",
                "    filters:",
                "      stripParams: 'temperature, top_p ,,top_k'",
                "  other:",
                "    cmd: other-server --port 8081",
                "    proxy: http://127.0.0.1:8081",
                "    checkEndpoint: none",
                "profiles:",
                "  pair: [qwen, other]",
                "hooks:",
                "  on_startup:",
                "    preload: [small]",
                ""));
        assertEquals(Duration.ofSeconds(300), config.healthCheckTimeout());
        assertEquals(LogLevel.DEBUG, config.logLevel());
        assertEquals(9000, config.startPort());
        assertEquals(Map.of("pair", List.of("qwen", "other")), config.profiles());
        assertEquals(List.of("qwen"), config.preload());
        assertEquals(Map.of("gpt-4o-mini", "qwen", "small", "qwen"), config.aliases());

        ModelConfig qwen = config.models().get("qwen");
        assertEquals(Optional.of("Qwen 7B"), qwen.name());
        assertEquals(Optional.of("a small model"), qwen.description());
        assertEquals(List.of("llama-server", "--port", "9000", "--model", "My Models/qwen.gguf"), qwen.cmd());
        assertEquals(List.of("kill", "-INT", "${PID}"), qwen.cmdStop());
        assertEquals(URI.create("http://localhost:9000"), qwen.proxy());
        assertEquals(List.of("gpt-4o-mini", "small"), qwen.aliases());
        assertEquals(Map.of("CUDA_VISIBLE_DEVICES", "0,1", "EMPTY", "", "WITH_EQUALS", "a=b"), qwen.env());
        assertEquals(Optional.of("/v1/models"), qwen.checkEndpoint());
        assertEquals(Duration.ofSeconds(30), qwen.ttl());
        assertTrue(qwen.unlisted());
        assertEquals(Optional.of("qwen2.5:7b"), qwen.useModelName());
        assertEquals(2, qwen.concurrencyLimit());
        assertEquals(Set.of("temperature", "top_p", "top_k"), qwen.stripParams());

        ModelConfig other = config.models().get("other");
        assertEquals(Optional.empty(), other.checkEndpoint());
        assertEquals(Duration.ofSeconds(60), other.ttl());
        assertEquals(Optional.empty(), other.port());
        assertEquals(Optional.of(other), config.model("other"));
        assertEquals(Optional.of(qwen), config.model("small"));
    }

    @Test
    void envAndProfilesKeepFileOrder() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "models:",
                "  a:",
                "    cmd: a --port ${PORT}",
                "    env: [Z=1, A=2, M=3]",
                "profiles:",
                "  zulu: [a]",
                "  alpha: [a]",
                ""));
        assertEquals(List.of("Z", "A", "M"), List.copyOf(config.models().get("a").env().keySet()));
        assertEquals(List.of("zulu", "alpha"), List.copyOf(config.profiles().keySet()));
    }

    @Test
    void healthCheckTimeoutBelowFifteenSecondsIsRaisedWithAWarning() {
        SwapdeckConfig config = Configs.parse("healthCheckTimeout: 5\nmodels:\n  a:\n    cmd: a --port ${PORT}\n");
        assertEquals(Duration.ofSeconds(15), config.healthCheckTimeout());
        assertEquals(1, config.warnings().size());
        assertEquals("config.yaml:1:21: healthCheckTimeout: 5 s is below the minimum; using 15 s",
                config.warnings().get(0).toString());
    }

    @Test
    void ttlMinusOneMeansGlobalTtlAsInLlamaSwap() {
        SwapdeckConfig config = Configs.parse("globalTTL: 90\nmodels:\n  a:\n    cmd: a --port ${PORT}\n    ttl: -1\n");
        assertEquals(Duration.ofSeconds(90), config.models().get("a").ttl());
    }

    @Test
    void ttlZeroOverridesGlobalTtl() {
        SwapdeckConfig config = Configs.parse("globalTTL: 90\nmodels:\n  a:\n    cmd: a --port ${PORT}\n    ttl: 0\n");
        assertEquals(Duration.ZERO, config.models().get("a").ttl());
    }

    @Test
    void concurrencyLimitZeroMeansTheDefaultAsInLlamaSwap() {
        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd: a --port ${PORT}\n    concurrencyLimit: 0\n");
        assertEquals(10, config.models().get("a").concurrencyLimit());
    }

    /** /logs/stream/proxy is the proxy's log, in llama-swap too: a model of that name is told where its output is. */
    @Test
    void aModelNamedAfterALogIsWarnedWhereItsOutputIs() {
        SwapdeckConfig config = Configs.parse("models:\n  proxy: {cmd: 'p --port ${PORT}'}\n  upstream2: {cmd: 'u --port ${PORT}'}\n");
        assertEquals(List.of("config.yaml:2:3: models.proxy: /logs/stream/proxy is Swapdeck's proxy log, not this model's "
                + "output: that is in /logs/stream/upstream; rename the model to follow it alone"),
                config.warnings().stream().map(ConfigProblem::toString).toList());
    }

    /** As llama-swap's loader: 20 requests at once from ComfyUI's web UI must not meet 429s. */
    @Test
    void comfyuiAutoGetsAConcurrencyLimitOfAtLeastFifty() {
        SwapdeckConfig config = Configs.parse("models:\n  comfyui_auto: {cmd: 'c --port ${PORT}'}\n"
                + "  low: {cmd: 'l --port ${PORT}', concurrencyLimit: 20}\n");
        assertEquals(50, config.models().get("comfyui_auto").concurrencyLimit());
        assertEquals(20, config.models().get("low").concurrencyLimit());
        SwapdeckConfig written = Configs.parse("models:\n  comfyui_auto: {cmd: 'c --port ${PORT}', concurrencyLimit: 20}\n"
                + "  other: {cmd: 'o --port ${PORT}'}\n");
        assertEquals(50, written.models().get("comfyui_auto").concurrencyLimit());
        assertEquals(List.of("config.yaml:2:61: models.comfyui_auto.concurrencyLimit: raised to 50 for comfyui_auto, "
                + "as llama-swap raises it"), written.warnings().stream().filter(w -> w.key().endsWith("Limit"))
                        .map(ConfigProblem::toString).toList());
        assertEquals(80, Configs.parse("models:\n  comfyui_auto: {cmd: 'c --port ${PORT}', concurrencyLimit: 80}\n")
                .models().get("comfyui_auto").concurrencyLimit());
    }

    @Test
    void stripParamsNeverRemovesModel() {
        SwapdeckConfig config = Configs.parse(
                "models:\n  a:\n    cmd: a --port ${PORT}\n    filters:\n      stripParams: model, seed\n");
        assertEquals(Set.of("seed"), config.models().get("a").stripParams());
        assertEquals("models.a.filters.stripParams", config.warnings().get(0).key());
    }

    @Test
    void profilesAndPreloadMayNameAnAliasAndKeepTheModelId() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "models:",
                "  a: {cmd: 'a --port ${PORT}', aliases: [fast]}",
                "  b: {cmd: 'b --port ${PORT}'}",
                "profiles: {both: [fast, b]}",
                "hooks: {on_startup: {preload: [fast]}}",
                ""));
        assertEquals(List.of("a", "b"), config.profiles().get("both"));
        assertEquals(List.of("a"), config.preload());
    }

    @Test
    void newerLlamaSwapAliasEntriesWithAnIdAreAccepted() {
        SwapdeckConfig config = Configs.parse(
                "models:\n  a:\n    cmd: a --port ${PORT}\n    aliases:\n      - id: gpt-4o\n        name: GPT\n      - plain\n");
        assertEquals(List.of("gpt-4o", "plain"), config.models().get("a").aliases());
        assertEquals("models.a.aliases[0].name", config.warnings().get(0).key());
    }

    @Test
    void yamlAnchorsAndMergeKeysWork() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "models:",
                "  a: &base",
                "    cmd: server --port ${PORT}",
                "    ttl: 30",
                "  b:",
                "    <<: *base",
                "    ttl: 60",
                ""));
        assertEquals(List.of("server", "--port", "5801"), config.models().get("b").cmd());
        assertEquals(Duration.ofSeconds(60), config.models().get("b").ttl());
    }

    @Test
    void loadReadsAFileAndNamesItAsTheSource(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), "models:\n  a:\n    cmd: a --port ${PORT}\n");
        SwapdeckConfig config = ConfigLoader.load(file);
        assertEquals(Optional.of(file), config.source());
        assertFalse(config.isDemo());
    }

    @Test
    void errorsFromAFileNameThePathAsGiven(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "models:\n  a:\n    ttl: 1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ":2:3: models.a.cmd: missing cmd"), e.getMessage());
    }

    @Test
    void aMissingFileIsAnIoException(@TempDir Path dir) {
        assertThrows(IOException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml")));
    }
}
