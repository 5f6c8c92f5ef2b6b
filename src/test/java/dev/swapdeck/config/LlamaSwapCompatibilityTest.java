package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Files written for current llama-swap versions load, with warnings for what Swapdeck ignores. */
class LlamaSwapCompatibilityTest {

    /** Written in the style of a current llama-swap user's file, newer settings included. */
    private static final String CURRENT_LLAMA_SWAP = String.join("\n",
            "# yaml-language-server: $schema=https://example.invalid/config-schema.json",
            "healthCheckTimeout: 240",
            "logLevel: warn",
            "logTimeFormat: rfc3339",
            "logToStdout: both",
            "metricsMaxInMemory: 500",
            "captureBuffer: 5",
            "startPort: 12000",
            "sendLoadingState: true",
            "includeAliasesInList: true",
            "globalTTL: 600",
            "apiKeys:",
            "  - sk-local-only",
            "macros:",
            "  llama: /usr/local/bin/llama-server --port ${PORT} --jinja",
            "  ctx: 16384",
            "models:",
            "  gpt-oss-20b:",
            "    macros:",
            "      temp: 1.0",
            "    cmd: |",
            "      ${llama}",
            "      # reasoning model, full context",
            "      -m /models/gpt-oss-20b-mxfp4.gguf",
            "      --ctx-size ${ctx} --temp ${temp}",
            "    name: gpt-oss 20B",
            "    aliases:",
            "      - id: gpt-4o",
            "        name: GPT-4o (local)",
            "    filters:",
            "      stripParams: temperature, top_p",
            "      setParams:",
            "        reasoning_effort: high",
            "      setParamsByID:",
            "        \"${MODEL_ID}:low\":",
            "          reasoning_effort: low",
            "    metadata:",
            "      port: ${PORT}",
            "      family: gpt-oss",
            "    sendLoadingState: false",
            "    timeouts:",
            "      connect: 10",
            "    concurrencyLimit: 4",
            "  bge-reranker:",
            "    cmd: ${llama} -m /models/bge-reranker-v2-m3-Q8_0.gguf --reranking",
            "    unlisted: true",
            "    ttl: -1",
            "  embed:",
            "    cmd: ${llama} -m /models/nomic-embed-text-v1.5.Q8_0.gguf --embedding",
            "    ttl: 0",
            "groups:",
            "  always-on:",
            "    swap: false",
            "    exclusive: false",
            "    persistent: true",
            "    members: [bge-reranker, embed]",
            "peers:",
            "  openrouter:",
            "    proxy: https://openrouter.ai/api",
            "    apiKey: sk-or-test",
            "    models: [qwen/qwen3-235b-a22b]",
            "hooks:",
            "  on_startup:",
            "    preload: [' embed ', '']",
            "");

    @Test
    void aCurrentLlamaSwapConfigLoadsWithWarnings() {
        SwapdeckConfig config = Configs.parse(CURRENT_LLAMA_SWAP);
        assertEquals(Duration.ofSeconds(240), config.healthCheckTimeout());
        assertEquals(List.of("bge-reranker", "embed", "gpt-oss-20b"), List.copyOf(config.models().keySet()));
        ModelConfig gpt = config.models().get("gpt-oss-20b");
        assertEquals(List.of("/usr/local/bin/llama-server", "--port", "12002", "--jinja", "-m",
                "/models/gpt-oss-20b-mxfp4.gguf", "--ctx-size", "16384", "--temp", "1.0"), gpt.cmd());
        assertEquals(URI.create("http://127.0.0.1:12002"), gpt.proxy());
        assertEquals(Set.of("temperature", "top_p"), gpt.stripParams());
        assertEquals(4, gpt.concurrencyLimit());
        assertEquals(Duration.ofSeconds(600), config.models().get("bge-reranker").ttl());
        assertEquals(Duration.ZERO, config.models().get("embed").ttl());
        assertEquals(Optional.of(12000), config.models().get("bge-reranker").port());
        assertEquals(List.of("embed"), config.preload());

        assertEquals(false, gpt.feedback().sendLoadingState(), "the model's own sendLoadingState wins");
        assertEquals(true, config.models().get("embed").feedback().sendLoadingState(), "the top-level default");

        assertEquals(List.of("logTimeFormat", "logToStdout", "metricsMaxInMemory", "captureBuffer",
                "models.gpt-oss-20b.aliases[0].name"),
                config.warnings().stream().map(ConfigProblem::key).toList());
        assertTrue(config.warnings().stream().allMatch(w -> w.message().contains("ignored (")),
                "every warning says why the key is ignored: " + config.warnings());
        assertEquals(List.of("sk-local-only"), config.security().apiKeys());
        assertEquals(List.of("gpt-4o", "gpt-oss-20b:low"), gpt.aliases());
        assertEquals(Map.of("port", 12002L, "family", "gpt-oss"), gpt.extras().metadata());
        assertEquals(Duration.ofSeconds(10), gpt.extras().timeouts().connect());
        assertEquals(List.of("qwen/qwen3-235b-a22b"), config.extras().peers().get("openrouter").models());
        GroupRule alwaysOn = config.routing().groups().get(0);
        assertEquals(new GroupRule("always-on", false, false, true, List.of("bge-reranker", "embed")), alwaysOn);
    }

    @Test
    void ignoredSectionsAreNotValidated() {
        SwapdeckConfig config = Configs.parse(
                "models:\n  m: {cmd: 'm ${PORT}'}\nlogToStdout:\n  p: {apiKey: [not, a, string]}\n");
        assertEquals(1, config.warnings().size());
    }

    @Test
    void unknownKeysAreWarningsThatNameTheirPlace() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "modelz: {}",
                "models:",
                "  m:",
                "    cmd: m --port ${PORT}",
                "    tll: 30",
                "    filters: {stripParam: seed}",
                "hooks:",
                "  on_shutdown: {}",
                "  on_startup: {warmup: [m]}",
                ""));
        assertEquals(List.of(
                "config.yaml:1:1: modelz: unknown key; ignored (check its spelling)",
                "config.yaml:5:5: models.m.tll: unknown key; ignored (check its spelling)",
                "config.yaml:6:15: models.m.filters.stripParam: unknown key; ignored (check its spelling)",
                "config.yaml:8:3: hooks.on_shutdown: unknown key; ignored (check its spelling)",
                "config.yaml:9:16: hooks.on_startup.warmup: unknown key; ignored (check its spelling)"),
                config.warnings().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void apiKeysAreHonouredNotIgnored() {
        SwapdeckConfig config = Configs.parse("apiKeys: [sk-1]\nmodels:\n  m: {cmd: 'm ${PORT}'}\n");
        assertEquals(List.of(), config.warnings());
        assertEquals(List.of("sk-1"), config.security().apiKeys());
    }

    @Test
    void dockerStyleModelsWithCmdStopAndAFixedProxyLoad() {
        ModelConfig m = Configs.parse(String.join("\n",
                "models:",
                "  docker-llama:",
                "    proxy: http://127.0.0.1:${PORT}",
                "    cmd: |",
                "      docker run --name ${MODEL_ID}",
                "      --init --rm -p ${PORT}:8080 -v /mnt/models:/models",
                "      ghcr.io/ggml-org/llama.cpp:server",
                "      --model '/models/Qwen2.5-Coder-0.5B-Instruct-Q4_K_M.gguf'",
                "    cmdStop: docker stop ${MODEL_ID}",
                "")).models().get("docker-llama");
        assertEquals(List.of("docker", "stop", "docker-llama"), m.cmdStop());
        assertEquals("5800:8080", m.cmd().get(7));
        assertEquals(Map.of(), m.env());
    }

    /** llama-swap's example of 30 January 2025 stops its container with cmd_stop, renamed cmdStop later. */
    @Test
    void theEarlyCmdStopSpellingIsReadAsCmdStopWithAWarning() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "models:",
                "  dockertest:",
                "    proxy: http://127.0.0.1:9790",
                "    cmd_stop: docker stop -t 2 dockertest",
                "    cmd: docker run --name dockertest --rm -p 9790:8080 image",
                "  both:",
                "    proxy: http://127.0.0.1:9791",
                "    cmdStop: kill ${PID}",
                "    cmd_stop: docker stop both",
                "    cmd: server --port 9791",
                ""));
        assertEquals(List.of("docker", "stop", "-t", "2", "dockertest"), config.models().get("dockertest").cmdStop());
        assertEquals(List.of("kill", "${PID}"), config.models().get("both").cmdStop(), "cmdStop wins");
        assertEquals(List.of("models.dockertest.cmd_stop", "models.both.cmd_stop"),
                config.warnings().stream().map(ConfigProblem::key).toList());
    }

    /**
     * llama-swap's own tests write checkEndpoint as a URL; it asks its reverse proxy for the model for
     * it, which keeps the path and query and puts the model's proxy in front.
     */
    @Test
    void aCheckEndpointWrittenAsAUrlIsItsPathAndQuery() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "macros: {host: 'localhost:8080'}",
                "models:",
                "  a:",
                "    cmd: a --port ${PORT}",
                "    checkEndpoint: \"http://${host}/health?ready=1\"",
                "  b:",
                "    cmd: b --port ${PORT}",
                "    checkEndpoint: HTTP://localhost:9999",
                ""));
        assertEquals(Optional.of("/health?ready=1"), config.models().get("a").checkEndpoint());
        assertEquals(Optional.of("/"), config.models().get("b").checkEndpoint());
        assertEquals(List.of("config.yaml:5:20: models.a.checkEndpoint: a URL here stands for its path: \"/health?ready=1\""
                        + " is asked of the model's proxy, as llama-swap asks it",
                "config.yaml:8:20: models.b.checkEndpoint: a URL here stands for its path: \"/\" is asked of the"
                        + " model's proxy, as llama-swap asks it"),
                config.warnings().stream().map(ConfigProblem::toString).toList());
    }

    /**
     * llama-swap puts an environment value into the text with its backslashes and double quotes
     * escaped: a plain or block cmd keeps the escapes, and splitting the command removes them, so the
     * value arrives as written; a double-quoted cmd loses them to YAML first, and splitting then reads
     * the value's own quotes. Swapdeck gives the same arguments either way.
     */
    @Test
    void anEnvironmentValueInACommandSplitsAsInLlamaSwap() throws ConfigException {
        Map<String, String> env = Map.of("KW", "{\"enable_thinking\":false}", "DIR", "C:\\models");
        SwapdeckConfig config = ConfigLoader.parse(String.join("\n",
                "models:",
                "  block:",
                "    cmd: |",
                "      s --port ${PORT}",
                "      --chat-template-kwargs ${env.KW} --dir ${env.DIR}",
                "  plain:",
                "    cmd: s --port ${PORT} --chat-template-kwargs \"${env.KW}\"",
                "  quoted:",
                "    cmd: \"s --port ${PORT} --chat-template-kwargs ${env.KW} --dir ${env.DIR}\"",
                ""), "config.yaml", Optional.empty(), Map.of(), env);
        assertEquals(List.of("--chat-template-kwargs", "{\"enable_thinking\":false}", "--dir", "C:\\models"),
                config.models().get("block").cmd().subList(3, 7));
        assertEquals(List.of("--chat-template-kwargs", "{\"enable_thinking\":false}"),
                config.models().get("plain").cmd().subList(3, 5));
        assertEquals(List.of("--chat-template-kwargs", "{enable_thinking:false}", "--dir", "C:models"),
                config.models().get("quoted").cmd().subList(3, 7));
    }

    /**
     * Values of no declared type are read as llama-swap's YAML library reads them: YAML 1.1's
     * {@code off} and {@code yes} are text (the server gets {@code "reasoning": "off"}, as through
     * llama-swap), {@code 0x} numbers are numbers; typed settings still take {@code yes}.
     */
    @Test
    void untypedValuesAreReadAsLlamaSwapsYamlReadsThem() throws ConfigException {
        SwapdeckConfig config = ConfigLoader.parse(String.join("\n",
                "models:",
                "  a:",
                "    cmd: s --port ${PORT}",
                "    unlisted: yes",
                "    filters:",
                "      setParams: {reasoning: off, stream: True, n: 0x10, mode: 010, t: on}",
                "    metadata: {audio: yes, flash: false}",
                ""), "config.yaml", Optional.empty(), Map.of(), Map.of());
        ModelConfig a = config.models().get("a");
        assertEquals(Map.of("reasoning", "off", "stream", true, "n", 16L, "mode", 8L, "t", "on"),
                a.extras().filters().setParams());
        assertEquals(Map.of("audio", "yes", "flash", false), a.extras().metadata());
        assertTrue(a.unlisted());
    }

    /**
     * A number or boolean setting takes what llama-swap's YAML library reads into one: every notation
     * YAML has for a plain number (a leading 0 is octal), a fraction cut off, and {@code y} and {@code n}.
     */
    @Test
    void numberAndBooleanSettingsAreReadAsLlamaSwapsYamlReadsThem() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "healthCheckTimeout: 0x1E",
                "macros:",
                "  t: 0755",
                "models:",
                "  octal: {cmd: 's --port ${PORT}', ttl: 0755, unlisted: Y}",
                "  macro: {cmd: 's --port ${PORT}', ttl: '${t}', unlisted: n}",
                "  fraction: {cmd: 's --port ${PORT}', ttl: 60.5}",
                "  o: {cmd: 's --port ${PORT}', ttl: 0o17}",
                "  quoted: {cmd: 's --port ${PORT}', ttl: \"0755\"}",
                ""));
        assertEquals(Duration.ofSeconds(30), config.healthCheckTimeout());
        assertEquals(Duration.ofSeconds(493), config.models().get("octal").ttl());
        assertEquals(Duration.ofSeconds(493), config.models().get("macro").ttl());
        assertEquals(Duration.ofSeconds(60), config.models().get("fraction").ttl());
        assertEquals(Duration.ofSeconds(15), config.models().get("o").ttl());
        assertEquals(Duration.ofSeconds(755), config.models().get("quoted").ttl(), "quoted: decimal digits, as before");
        assertTrue(config.models().get("octal").unlisted());
        assertFalse(config.models().get("macro").unlisted());
    }

    /** llama-swap's YAML library reads a file's first document only: a trailing {@code ---} and what follows are left. */
    @Test
    void onlyTheFilesFirstDocumentIsRead() {
        SwapdeckConfig config = Configs.parse("models:\n  a: {cmd: 's --port ${PORT}'}\n---\nmodels:\n  b: {cmd: [unclosed\n");
        assertEquals(Set.of("a"), config.models().keySet());
        assertEquals(List.of("3:1 the file goes on after its first document (a --- line): only the first is read, as"
                + " llama-swap reads it; remove the rest, or the ---, to use it"), config.warnings().stream()
                .map(w -> w.line() + ":" + w.column() + " " + w.message()).toList());
        assertEquals(List.of(), Configs.parse("models:\n  a: {cmd: 's --port ${PORT}'}\n---\n").warnings(),
                "a --- with nothing after it is no loss");
    }

    /**
     * A {@code >} block is folded into one line by YAML; its comments are read on the lines written,
     * so a commented-out flag takes no flag below it along (llama-swap would pass {@code #} and every
     * word after it to the server). Without comments the words are the fold's.
     */
    @Test
    void aFoldedCommandsCommentsEndAtTheirWrittenLines() throws ConfigException {
        SwapdeckConfig config = ConfigLoader.parse(String.join("\n",
                "models:",
                "  folded:",
                "    cmd: > # the model",
                "      s --port ${PORT}",
                "      --pooling cls  # as trained",
                "      # --ctx-size 256000",
                "        --temp ${env.T}",
                "",
                "      --top-k 50",
                "  chomped:",
                "    cmd: >-",
                "      s --port ${PORT}",
                "      --x 'a b'",
                "  anchored: &base",
                "    cmd: >",
                "      s --port ${PORT}",
                "      # -v",
                "      -q",
                "  copy:",
                "    <<: *base",
                ""), "config.yaml", Optional.empty(), Map.of(), Map.of("T", "0.5"));
        assertEquals(List.of("--pooling", "cls", "--temp", "0.5", "--top-k", "50"),
                config.models().get("folded").cmd().subList(3, 9));
        assertEquals(9, config.models().get("folded").cmd().size());
        assertEquals(List.of("--x", "a b"), config.models().get("chomped").cmd().subList(3, 5));
        assertEquals(List.of("-q"), config.models().get("anchored").cmd().subList(3, 4));
        assertEquals(List.of("-q"), config.models().get("copy").cmd().subList(3, 4));
    }

    /**
     * llama-swap takes only whole {@code #} lines out of a command, before anything is put in, and
     * escapes every environment value it puts into the text: a value that begins with {@code #} is an
     * argument, and one that reaches a command through a macro or a merged anchor splits as one
     * written in the command does.
     */
    @Test
    void valuesPutIntoACommandKeepTheirHashAndQuotesAsInLlamaSwap() throws ConfigException {
        Map<String, String> env = Map.of("KEY", "#hunter2", "KW", "{\"enable_thinking\":false}");
        SwapdeckConfig config = ConfigLoader.parse(String.join("\n",
                "macros:",
                "  color: \"#ff0000\"",
                "  kw: ${env.KW}",
                "x-base: &base",
                "  cmd: s --port ${PORT} --kw ${env.KW}",
                "models:",
                "  macro:",
                "    cmd: |",
                "      s --port ${PORT} --color ${color}  # red",
                "      --kw ${kw}",
                "  env:",
                "    cmd: s --port ${PORT} --api-key ${env.KEY} -m x.gguf",
                "  merged:",
                "    <<: *base",
                ""), "config.yaml", Optional.empty(), Map.of(), env);
        assertEquals(List.of("--color", "#ff0000", "--kw", "{\"enable_thinking\":false}"),
                config.models().get("macro").cmd().subList(3, 7));
        assertEquals(List.of("--api-key", "#hunter2", "-m", "x.gguf"), config.models().get("env").cmd().subList(3, 7));
        assertEquals(List.of("--kw", "{\"enable_thinking\":false}"), config.models().get("merged").cmd().subList(3, 5));
    }

    @Test
    void comfyUisModelIsLoadedWithAWarningThatItsRouteIsNotServed() {
        SwapdeckConfig config = Configs.parse("models:\n  comfyui_auto:\n    cmd: comfy --port ${PORT}\n");
        assertTrue(config.models().containsKey("comfyui_auto"));
        assertTrue(config.warnings().get(0).toString().contains("open it at /upstream/comfyui_auto/"),
                config.warnings().toString());
    }
}
