package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class PortsAndMacrosTest {

    @Test
    void portsAreHandedOutInSortedIdOrder() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "startPort: 7000",
                "models:",
                "  zeta: {cmd: 'z --port ${PORT}'}",
                "  alpha: {cmd: 'a --port ${PORT}'}",
                "  fixed: {cmd: 'f --port 9999', proxy: 'http://127.0.0.1:9999'}",
                "  beta: {cmd: 'b --port ${PORT}'}",
                ""));
        assertEquals(Optional.of(7000), config.models().get("alpha").port());
        assertEquals(Optional.of(7001), config.models().get("beta").port());
        assertEquals(Optional.empty(), config.models().get("fixed").port());
        assertEquals(Optional.of(7002), config.models().get("zeta").port());
        assertEquals(List.of("alpha", "beta", "fixed", "zeta"), List.copyOf(config.models().keySet()));
    }

    @Test
    void thePortIsSubstitutedInEveryModelString() {
        ModelConfig m = Configs.parse(String.join("\n",
                "models:",
                "  m:",
                "    cmd: server --port ${PORT}",
                "    cmdStop: stop --port ${PORT} --pid ${PID}",
                "    proxy: http://127.0.0.1:${PORT}/api",
                "    checkEndpoint: /health?port=${PORT}",
                "    env: ['PORT=${PORT}']",
                "    description: listens on ${PORT}",
                "")).models().get("m");
        assertEquals(URI.create("http://127.0.0.1:5800/api"), m.proxy());
        assertEquals(List.of("stop", "--port", "5800", "--pid", "${PID}"), m.cmdStop());
        assertEquals(Optional.of("/health?port=5800"), m.checkEndpoint());
        assertEquals(Map.of("PORT", "5800"), m.env());
        assertEquals(Optional.of("listens on 5800"), m.description());
    }

    /** A reload keeps the ports models had: adding one that sorts first must not renumber (and restart) the rest. */
    @Test
    void aReloadKeepsEachModelsPortAndGivesANewOneAFreePort(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "startPort: 7000\nmodels:\n  b: {cmd: 'b ${PORT}'}\n  c: {cmd: 'c ${PORT}'}\n");
        SwapdeckConfig before = ConfigLoader.load(file);
        Files.writeString(file, "startPort: 7000\nmodels:\n  a: {cmd: 'a ${PORT}'}\n  b: {cmd: 'b ${PORT}'}\n"
                + "  c: {cmd: 'c ${PORT}'}\n");

        SwapdeckConfig after = ConfigLoader.load(file, PortHints.of(before));

        assertEquals(before.models().get("b"), after.models().get("b"));
        assertEquals(before.models().get("c"), after.models().get("c"));
        assertEquals(Optional.of(7002), after.models().get("a").port());
        assertEquals(Optional.of(7000), ConfigLoader.load(file).models().get("a").port(), "a first load: by id");

        Files.writeString(file, "startPort: 8000\nmodels:\n  b: {cmd: 'b ${PORT}'}\n  c: {cmd: 'c ${PORT}'}\n");
        assertEquals(Optional.of(8000), ConfigLoader.load(file, PortHints.of(before)).models().get("b").port(),
                "a new startPort renumbers");
    }

    /** llama-swap sorts ids as Go does, by UTF-8 bytes: U+FF21 before an emoji, where UTF-16 order differs. */
    @Test
    void portsFollowGosOrderOfIdsBeyondTheBasicPlane() {
        SwapdeckConfig config = Configs.parse("startPort: 7000\nmodels:\n  \"\uD83D\uDE00-emoji\": {cmd: 'e ${PORT}'}\n"
                + "  \"\uFF21-wide\": {cmd: 'w ${PORT}'}\n");
        assertEquals(Optional.of(7000), config.models().get("\uFF21-wide").port());
        assertEquals(Optional.of(7001), config.models().get("\uD83D\uDE00-emoji").port());
    }

    @Test
    void runningOutOfPortsIsAnError() {
        List<ConfigProblem> errors = Configs.errors(
                "startPort: 65535\nmodels:\n  a: {cmd: 'a ${PORT}'}\n  b: {cmd: 'b ${PORT}'}\n");
        assertEquals(1, errors.size());
        assertEquals("models.b.cmd", errors.get(0).key());
    }

    @Test
    void macrosAreReplacedInEveryModelString() {
        ModelConfig m = Configs.parse(String.join("\n",
                "macros:",
                "  bin: /opt/llama.cpp/llama-server",
                "  label: Fast",
                "  ctx: 8192",
                "  upstream: http://127.0.0.1:${PORT}",
                "models:",
                "  m:",
                "    cmd: ${bin} --port ${PORT} --ctx-size ${ctx}",
                "    cmdStop: ${bin}-stop ${PID}",
                "    proxy: ${upstream}",
                "    env: ['CTX=${ctx}']",
                "    checkEndpoint: /${label}",
                "    name: ${label} model",
                "    description: ${ctx} tokens",
                "    useModelName: ${label}-${ctx}",
                "    filters: {stripParams: '${label}'}",
                "")).models().get("m");
        assertEquals(List.of("/opt/llama.cpp/llama-server", "--port", "5800", "--ctx-size", "8192"), m.cmd());
        assertEquals(List.of("/opt/llama.cpp/llama-server-stop", "${PID}"), m.cmdStop());
        assertEquals(URI.create("http://127.0.0.1:5800"), m.proxy());
        assertEquals(Map.of("CTX", "8192"), m.env());
        assertEquals(Optional.of("/Fast"), m.checkEndpoint());
        assertEquals(Optional.of("Fast model"), m.name());
        assertEquals(Optional.of("8192 tokens"), m.description());
        assertEquals(Optional.of("Fast-8192"), m.useModelName());
        assertEquals(Set.of("Fast"), m.stripParams());
    }

    @Test
    void aMacroMayHoldSeveralQuotedArgumentsAndThePort() {
        ModelConfig m = Configs.parse(String.join("\n",
                "macros:",
                "  server: \"'/opt/My Tools/llama-server' --port ${PORT}\"",
                "models:",
                "  m:",
                "    cmd: ${server} -m x.gguf",
                "")).models().get("m");
        assertEquals(List.of("/opt/My Tools/llama-server", "--port", "5800", "-m", "x.gguf"), m.cmd());
        assertEquals(Optional.of(5800), m.port());
    }

    /**
     * A macro written without a value ({@code v: ~}, or nothing after the colon) is refused where it is
     * defined, used or not, as llama-swap refuses it: it used to put nothing into the command silently
     * (a command made empty failed each start with "has no cmd").
     */
    @Test
    void aMacroWithoutAValueIsAnErrorWhereItIsDefined() {
        List<String> errors = Configs.errors(String.join("\n",
                "macros:",
                "  v: ~",
                "  unused:",
                "  empty: \"\"",
                "models:",
                "  a:",
                "    macros:",
                "      loc:",
                "    cmd: s --port ${PORT} --v ${v}${empty} ${loc}",
                "")).stream().map(ConfigProblem::toString).toList();
        assertEquals(List.of(
                "config.yaml:2:3: macros.v: macro v has no value (llama-swap refuses it too); write v: \"\" for one that"
                        + " puts in nothing",
                "config.yaml:3:3: macros.unused: macro unused has no value (llama-swap refuses it too); write unused: \"\""
                        + " for one that puts in nothing",
                "config.yaml:8:7: models.a.macros.loc: macro loc has no value (llama-swap refuses it too); write loc: \"\""
                        + " for one that puts in nothing"), errors);
    }

    @Test
    void aMacroMayUseMacrosDefinedAboveIt() {
        ModelConfig m = Configs.parse(String.join("\n",
                "macros:",
                "  dir: /srv/models",
                "  model: ${dir}/qwen.gguf",
                "models:",
                "  m: {cmd: 'server --port ${PORT} -m ${model}'}",
                "")).models().get("m");
        assertEquals("/srv/models/qwen.gguf", m.cmd().get(4));
    }

    /** llama-swap loads a file whose unused macros use later or unknown ones: only a use fails there. */
    @Test
    void aMacroUsingOneDefinedBelowItOrNowhereIsAWarningUntilAValueUsesIt() {
        SwapdeckConfig loaded = Configs.parse("macros:\n  a: ${b}\n  b: x\n  c: -v ${nope}\nmodels:\n  m: {cmd: 'm ${PORT}'}\n");
        assertEquals(List.of("config.yaml:2:6: macros.a: ${b} is defined below a; a macro may use only the macros defined"
                        + " above it: move b up (left out: a value that uses a is an error)",
                "config.yaml:4:9: macros.c: undefined macro ${nope} (known macros: b) (left out: a value that uses c is an"
                        + " error)"),
                loaded.warnings().stream().map(ConfigProblem::toString).toList());

        List<ConfigProblem> errors = Configs.errors("macros:\n  a: ${b}\n  b: x\nmodels:\n  m: {cmd: 'm ${PORT} ${a}'}\n");
        assertEquals(List.of("config.yaml:5:23: models.m.cmd: macro a cannot be used: its value refers to a macro it"
                + " cannot use (macros.a: ${b} is defined below a; a macro may use only the macros defined above it:"
                + " move b up)"), errors.stream().map(ConfigProblem::toString).toList());
    }

    /** A model's macro that cannot be used replaces the global one of its name: the global value is not used instead. */
    @Test
    void aModelsUnusableMacroHidesTheGlobalOneOfItsName() {
        ConfigProblem e = Configs.error("macros: {ctx: 4096}\nmodels:\n  m:\n    macros: {ctx: '${big}'}\n"
                + "    cmd: m --port ${PORT} -c ${ctx}\n");
        assertEquals("models.m.cmd", e.key());
        assertTrue(e.message().startsWith("macro ctx cannot be used"), e.message());
    }

    /** A macro that failed is reported once, where it is defined, not again at every use as "undefined". */
    @Test
    void aMacroThatUsesItselfIsOneErrorWhereItIsDefined() {
        List<ConfigProblem> errors = Configs.errors("macros:\n  a: x ${a}\nmodels:\n  m: {cmd: 'm ${a} ${PORT}'}\n");
        assertEquals(List.of("config.yaml:2:8: macros.a: macro a uses itself; a macro may use only the macros defined above it"),
                errors.stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void reservedMacroNamesCannotBeRedefined() {
        assertEquals("macros.PORT", Configs.error("macros:\n  PORT: 1\nmodels:\n  m: {cmd: 'm ${PORT}'}\n").key());
    }

    @Test
    void modelIdAndEnvironmentMacrosAreBuiltIn() {
        ModelConfig m = Configs.parse(
                "models:\n  qwen:\n    cmd: server --port ${PORT} --alias ${MODEL_ID} -m ${env.MODELS}/q.gguf\n")
                .models().get("qwen");
        assertEquals(List.of("server", "--port", "5800", "--alias", "qwen", "-m", "/srv/models/q.gguf"), m.cmd());
    }

    @Test
    void anUnsetEnvironmentVariableIsAnError() {
        ConfigProblem e = Configs.error("models:\n  m: {cmd: 'm ${PORT} ${env.NOT_SET_ANYWHERE}'}\n");
        assertEquals("environment variable NOT_SET_ANYWHERE is not set (used as ${env.NOT_SET_ANYWHERE})", e.message());
    }

    @Test
    void aModelsOwnMacrosOverrideTheGlobalOnes() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "macros: {ctx: 4096}",
                "models:",
                "  big:",
                "    macros: {ctx: 32768}",
                "    cmd: s --port ${PORT} -c ${ctx}",
                "  small:",
                "    cmd: s --port ${PORT} -c ${ctx}",
                ""));
        assertEquals("32768", config.models().get("big").cmd().get(4));
        assertEquals("4096", config.models().get("small").cmd().get(4));
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void aModelsOverrideReachesGlobalMacrosThatUseIt() {
        ModelConfig m = Configs.parse(String.join("\n",
                "macros:",
                "  ctx: 4096",
                "  args: --ctx-size ${ctx}",
                "models:",
                "  m:",
                "    macros: {ctx: 16384}",
                "    cmd: server --port ${PORT} ${args}",
                "  n:",
                "    cmd: server --port ${PORT} ${args}",
                "")).models().get("m");
        assertEquals(List.of("server", "--port", "5800", "--ctx-size", "16384"), m.cmd());
        ModelConfig n = Configs.parse(String.join("\n", "macros:", "  ctx: 4096", "  args: --ctx-size ${ctx}",
                "models:", "  n:", "    cmd: server --port ${PORT} ${args}", "")).models().get("n");
        assertEquals(List.of("server", "--port", "5800", "--ctx-size", "4096"), n.cmd(), "without an override");
    }

    @Test
    void macrosInCommentLinesAreNotExpanded() {
        ModelConfig m = Configs.parse("models:\n  m:\n    cmd: |\n      # ${gone} is not a macro here\n      m ${PORT}\n")
                .models().get("m");
        assertEquals(List.of("m", "5800"), m.cmd());
    }

    /** llama-swap drops a command's comment lines once its macros are in, so a macro's commented line stays out. */
    @Test
    void aCommentLineInsideAMultiLineMacroIsDropped() {
        ModelConfig m = Configs.parse(String.join("\n",
                "macros:",
                "  common: |",
                "    --ctx-size 8192",
                "    # --flash-attn on",
                "    -ngl 99",
                "models:",
                "  m:",
                "    cmd: |",
                "      server --port ${PORT}",
                "      ${common}",
                "")).models().get("m");
        assertEquals(List.of("server", "--port", "5800", "--ctx-size", "8192", "-ngl", "99"), m.cmd());
    }

    /**
     * Only {@code ${name}} (letters, digits, {@code _}, {@code -}) and {@code ${env.NAME}} refer to
     * something, as in llama-swap; a shell's {@code ${NGL:-99}} for {@code sh -c} stays as written.
     */
    @Test
    void otherDollarBracesStayAsWritten() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "models:",
                "  m:",
                "    cmd: sh -c \"exec srv --port ${PORT} --ngl ${NGL:-99} --x ${env.my-var}\"",
                "    metadata: {label: '${item.name}', empty: '${}'}",
                ""));
        assertEquals(List.of("sh", "-c", "exec srv --port 5800 --ngl ${NGL:-99} --x ${env.my-var}"),
                config.models().get("m").cmd());
        assertEquals(List.of(), config.warnings());
    }

    @Test
    void theFilesMacrosReachEveryTopLevelSetting() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "macros: {KEY: sk-real-secret, WARM: b, FIRST: 7100, WAIT: 30, TTL: 60}",
                "apiKeys: ['${KEY}']",
                "startPort: ${FIRST}",
                "healthCheckTimeout: ${WAIT}",
                "globalTTL: '${TTL}'",
                "hooks: {on_startup: {preload: ['${WARM}']}}",
                "models:",
                "  a: {cmd: 'a --port ${PORT}'}",
                "  b: {cmd: 'b --port ${PORT}'}",
                ""));
        assertEquals(List.of("sk-real-secret"), config.security().apiKeys());
        assertEquals(Optional.of(7100), config.models().get("a").port());
        assertEquals(Duration.ofSeconds(30), config.healthCheckTimeout());
        assertEquals(Duration.ofSeconds(60), config.models().get("a").ttl());
        assertEquals(List.of("b"), config.preload());
    }

    @Test
    void aLoneMacroInANumberOrSwitchKeepsTheMacrosType() {
        ModelConfig m = Configs.parse(String.join("\n",
                "macros: {default_ctx: 4096}",
                "models:",
                "  m:",
                "    cmd: server --port ${PORT}",
                "    macros: {MODEL_TTL: 30, CONNECT: 12, HIDDEN: true, LIMIT: 3}",
                "    ttl: '${MODEL_TTL}'",
                "    concurrencyLimit: ${LIMIT}",
                "    unlisted: ${HIDDEN}",
                "    timeouts: {connect: '${CONNECT}'}",
                "    capabilities:",
                "      context: ${default_ctx}",
                "    metadata: {ctx: '${default_ctx}', label: 'ctx ${default_ctx}'}",
                "")).models().get("m");
        assertEquals(Duration.ofSeconds(30), m.ttl());
        assertEquals(3, m.concurrencyLimit());
        assertTrue(m.unlisted());
        assertEquals(Duration.ofSeconds(12), m.extras().timeouts().connect());
        assertEquals(4096, m.extras().capabilities().context());
        assertEquals(Map.of("ctx", 4096L, "label", "ctx 4096"), m.extras().metadata());
    }

    @Test
    void aliasesTakeMacrosAndThePort() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "macros: {fam: qwen}",
                "models:",
                "  m1:",
                "    cmd: server --port ${PORT}",
                "    aliases: ['${MODEL_ID}-alias', '${fam}-latest', 'p${PORT}']",
                ""));
        assertEquals(List.of("m1-alias", "qwen-latest", "p5800"), config.models().get("m1").aliases());
        assertEquals(Map.of("m1-alias", "m1", "qwen-latest", "m1", "p5800", "m1"), config.aliases());
    }

    @Test
    void aSharedAnchorSeesEachModelsOwnMacros() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "models:",
                "  a:",
                "    cmd: a --port ${PORT}",
                "    macros: {ctx: 1024}",
                "    capabilities: &caps {context: '${ctx}'}",
                "  b:",
                "    cmd: b --port ${PORT}",
                "    macros: {ctx: 8192}",
                "    capabilities: *caps",
                ""));
        assertEquals(1024, config.models().get("a").extras().capabilities().context());
        assertEquals(8192, config.models().get("b").extras().capabilities().context());
    }

    /** llama-swap's own pattern: shared settings under a key of the user's own, merged into each model. */
    @Test
    void anAnchorUnderAKeySwapdeckDoesNotReadTakesEachModelsPortAndMacros() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "x-defaults: &defaults",
                "  cmd: server --port ${PORT} --name ${MODEL_ID} --ctx ${ctx}",
                "  ttl: 60",
                "models:",
                "  first: {<<: *defaults, macros: {ctx: 512}}",
                "  second: {<<: *defaults, macros: {ctx: 4096}}",
                ""));
        assertEquals(List.of("server", "--port", "5800", "--name", "first", "--ctx", "512"),
                config.models().get("first").cmd());
        assertEquals(List.of("server", "--port", "5801", "--name", "second", "--ctx", "4096"),
                config.models().get("second").cmd());
        assertEquals(List.of("config.yaml:1:1: x-defaults: not a setting; ignored (its anchor &defaults still serves the"
                + " settings that merge it)"), config.warnings().stream().map(ConfigProblem::toString).toList());
    }

    /** As in llama-swap's docs: a key of the user's own holding a mapping of anchors, not one on its value. */
    @Test
    void aKeyHoldingAnchorsInsideItsValueIsWarnedAboutAsSuch() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "shared: &shared {ttl: 30}",
                "defs:",
                "  llm-capabilities: &llm-capabilities {capabilities: {tools: true}}",
                "  long-ttl: &long-ttl {ttl: 600}",
                "  refers: *shared",
                "models:",
                "  m:",
                "    <<: [*llm-capabilities, *long-ttl]",
                "    cmd: server --port ${PORT}",
                ""));
        assertTrue(config.models().get("m").extras().capabilities().tools());
        assertEquals(List.of("config.yaml:1:1: shared: not a setting; ignored (its anchor &shared still serves the"
                + " settings that merge it)", "config.yaml:2:1: defs: not a setting; ignored (its anchors "
                + "&llm-capabilities, &long-ttl still serve the settings that merge them)"),
                config.warnings().stream().map(ConfigProblem::toString).toList());
    }

    /** As llama-swap substitutes it there: the key, and so the alias it makes, names the model's port. */
    @Test
    void thePortReachesSetParamsByIdKeysAndTheAliasesTheyMake() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "startPort: 6300",
                "models:",
                "  model1:",
                "    cmd: server --port ${PORT}",
                "    filters:",
                "      setParamsByID:",
                "        'model1:${PORT}': {temperature: 0.5}",
                ""));
        assertEquals(Map.of("model1:6300", "model1"), config.aliases());
        assertEquals(Map.of("model1:6300", Map.of("temperature", 0.5)),
                config.models().get("model1").extras().filters().setParamsByID());
        assertEquals(List.of("config.yaml:7:9: models.m.filters.setParamsByID.m:${PORT}: uses ${PORT} but cmd does not,"
                + " so this model gets no port"), Configs.errors(String.join("\n",
                        "models:", "  m:", "    cmd: server --port 8080", "    proxy: http://127.0.0.1:8080", "    filters:", "      setParamsByID:",
                        "        'm:${PORT}': {temperature: 0.5}", "")).stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void anUndefinedMacroOutsideModelsIsOneError() {
        List<ConfigProblem> errors = Configs.errors("apiKeys: ['${KEY}', '${PORT}']\nmodels:\n  a: {cmd: 'a ${PORT}'}\n");
        assertEquals(List.of("config.yaml:1:12: apiKeys[0]: undefined macro ${KEY}",
                "config.yaml:1:22: apiKeys[1]: ${PORT} is only known in a model's values"),
                errors.stream().map(ConfigProblem::toString).toList());
    }
}
