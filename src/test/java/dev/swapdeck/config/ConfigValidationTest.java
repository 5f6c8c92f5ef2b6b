package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.LogLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every error names file, line, column and key; {@link ConfigProblem#toString()} is what users read. */
class ConfigValidationTest {

    private static final String OK_MODEL = "  ok:\n    cmd: ok --port ${PORT}\n";

    @Test
    void aWordWhereSecondsBelongIsAnError() {
        assertEquals("config.yaml:4:10: models.qwen.ttl: expected a whole number of seconds, got \"ten\"",
                Configs.error("models:\n  qwen:\n    cmd: q --port ${PORT}\n    ttl: ten\n").toString());
    }

    @Test
    void wrongTypesAreErrors() {
        List<ConfigProblem> errors = Configs.errors(String.join("\n",
                "healthCheckTimeout: soon",
                "startPort: [1]",
                "globalTTL: -5",
                "models:",
                "  a:",
                "    cmd: [a, b]",
                "    unlisted: maybe",
                "    env: FOO=1",
                "    aliases: {x: y}",
                "    concurrencyLimit: lots",
                ""));
        assertEquals(List.of("healthCheckTimeout", "startPort", "globalTTL", "models.a.cmd",
                "models.a.unlisted", "models.a.env", "models.a.aliases", "models.a.concurrencyLimit"),
                errors.stream().map(ConfigProblem::key).toList());
        assertEquals("config.yaml:2:12: startPort: expected a port number, got a list", errors.get(1).toString());
        assertEquals("config.yaml:6:10: models.a.cmd: expected text, got a list", errors.get(3).toString());
    }

    @Test
    void missingCmdIsAnErrorAtTheModelId() {
        assertEquals("config.yaml:2:3: models.a.cmd: missing cmd: the command that starts this model's server",
                Configs.error("models:\n  a:\n    ttl: 5\n").toString());
        assertEquals("config.yaml:2:3: models.a.cmd: missing cmd: the command that starts this model's server",
                Configs.error("models:\n  a:\n    proxy:\n" + OK_MODEL).toString(), "an empty proxy is none");
    }

    /** As llama-swap loads it (and fails its starts): a file from one such model on works for the others. */
    @Test
    void aModelWithAProxyButNoCmdIsListedWithAWarning() {
        SwapdeckConfig config = Configs.parse("models:\n  remote:\n    proxy: https://openrouter.ai/api\n"
                + "  nulled:\n    cmd:\n    proxy: http://127.0.0.1:9000\n" + OK_MODEL);
        assertEquals(List.of("nulled", "ok", "remote"), List.copyOf(config.models().keySet()));
        assertEquals(List.of(), config.models().get("remote").cmd());
        assertEquals(List.of(), config.models().get("nulled").cmd());
        assertEquals(List.of("config.yaml:2:3: models.remote.cmd: missing cmd: the model is listed, but every request"
                + " for it fails until cmd gives the command that starts its server; a server that runs elsewhere goes"
                + " in peers", "config.yaml:4:3: models.nulled.cmd: missing cmd: the model is listed, but every request"
                + " for it fails until cmd gives the command that starts its server; a server that runs elsewhere goes"
                + " in peers"), config.warnings().stream().map(ConfigProblem::toString).toList());
    }

    /** llama-server is handed "~/m.gguf" as written and says only that it failed to open it. */
    @Test
    void aWordOnlyAShellWouldExpandIsWarnedOfUnlessAShellRunsTheCommand() {
        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd: server --port ${PORT} -m ~/models/a.gguf\n"
                + "  b:\n    cmd: server --port ${PORT} --model=$HOME/b.gguf\n"
                + "  c:\n    cmd: sh -c \"exec server --port ${PORT} -m ~/c.gguf\"\n"
                + "  d:\n    cmd: server --port ${PORT} -m /m/d.gguf --alias cost~/$5\n");
        assertEquals(List.of("config.yaml:3:10: models.a.cmd: ~/models/a.gguf: the command runs without a shell, as"
                + " llama-swap runs it, so ~ and $VARIABLES stay as written; write the path in full, or ${env.HOME} for"
                + " your home folder", "config.yaml:5:10: models.b.cmd: --model=$HOME/b.gguf: the command runs without a"
                + " shell, as llama-swap runs it, so ~ and $VARIABLES stay as written; write the path in full, or"
                + " ${env.HOME} for your home folder"), config.warnings().stream().map(ConfigProblem::toString).toList());
        assertEquals(List.of("server", "--port", "5800", "-m", "~/models/a.gguf"), config.models().get("a").cmd(),
                "passed on as written, as llama-swap passes it");
    }

    /** A model whose settings are all commented out is left out, as a person who did that meant. */
    @Test
    void aModelWithNoSettingsIsLeftOutWithAWarningUnlessNoneIsLeft() {
        SwapdeckConfig config = Configs.parse("models:\n  off:\n    # cmd: x --port ${PORT}\n" + OK_MODEL);
        assertEquals(List.of("ok"), List.copyOf(config.models().keySet()));
        assertEquals(List.of("config.yaml:2:3: models.off: no settings (all commented out?): the model is left out"),
                config.warnings().stream().map(ConfigProblem::toString).toList());
        assertEquals("config.yaml:1:1: models: every model was left out (no settings, or no address for its server);"
                + " define at least one model with its cmd", Configs.error("models:\n  off:\n").toString());
    }

    @Test
    void missingModelsIsAnError() {
        ConfigProblem e = Configs.error("logLevel: info\n");
        assertEquals("models", e.key());
        assertEquals(1, e.line());
    }

    @Test
    void emptyModelsIsAnError() {
        assertEquals("config.yaml:1:1: models: models: is empty; define at least one model",
                Configs.error("models: {}\n").toString());
    }

    @Test
    void anEmptyFileIsAnError() {
        assertEquals("config.yaml:1:1: models: the file is empty; it needs at least a models: section",
                Configs.error("# nothing yet\n").toString());
    }

    @Test
    void aFileThatIsNotAMappingIsAnError() {
        assertEquals("config.yaml:1:1: (top level): expected a mapping of settings (models: ...), got a list",
                Configs.error("- models\n").toString());
    }

    @Test
    void yamlSyntaxErrorsNameLineAndColumn() {
        ConfigProblem e = Configs.error("models:\n  a:\n    cmd: \"unclosed\n    ttl: 3\n");
        assertEquals("(yaml)", e.key());
        assertEquals(List.of(3, 10), List.of(e.line(), e.column()), "where the quote left open begins, not the file's end");
        assertTrue(e.message().startsWith("not valid YAML: "), e.message());
        assertTrue(e.message().contains("while scanning a quoted scalar"), e.message());
        ConfigProblem tab = Configs.error("models:\n  a:\n\tcmd: x\n");
        assertEquals(3, tab.line());
        assertEquals(1, tab.column());
    }

    @Test
    void duplicateKeysAreErrors() {
        assertEquals("config.yaml:4:3: models.a: duplicate key (first written at line 2)",
                Configs.error("models:\n  a:\n    cmd: a --port ${PORT}\n  a:\n    cmd: b --port ${PORT}\n").toString());
    }

    @Test
    void anAliasUsedTwiceIsAnError() {
        assertEquals("config.yaml:7:15: models.b.aliases: alias \"fast\" is already used by model a",
                Configs.error(String.join("\n",
                        "models:",
                        "  a:",
                        "    cmd: a --port ${PORT}",
                        "    aliases: [fast]",
                        "  b:",
                        "    cmd: b --port ${PORT}",
                        "    aliases: [fast]",
                        "")).toString());
    }

    @Test
    void anAliasEqualToAModelIdOrEmptyIsIgnoredWithAWarningAsLlamaSwapLoadsIt() {
        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd: a --port ${PORT}\n    aliases: [ok, ' ', fast]\n"
                + OK_MODEL);
        assertEquals(Map.of("fast", "a"), config.aliases());
        assertEquals(List.of("fast"), config.models().get("a").aliases(), "nor listed (/v1/models, /api/models)");
        assertEquals(List.of("config.yaml:4:15: models.a.aliases: alias \"ok\" is the id of model ok, which requests "
                + "for it reach; the alias is ignored", "config.yaml:4:19: models.a.aliases: an empty alias; ignored"),
                config.warnings().stream().map(ConfigProblem::toString).toList());
    }

    /** Seed-era llama-swap never checked a list profile's members: its swap skipped names that resolve to nothing. */
    @Test
    void aProfileNamingAnUnknownModelLoadsWithoutItAndAWarning() throws Exception {
        SwapdeckConfig config = Configs.parse("models:\n" + OK_MODEL + "profiles:\n  duo: [ok, ghost]\n");
        assertEquals(List.of("ok"), config.profiles().get("duo"));
        assertEquals("config.yaml:5:13: profiles.duo: unknown model \"ghost\" (skipped)", config.warnings().get(0).toString());
    }

    @Test
    void aProfileNameWithAColonIsAnError() {
        assertEquals("profiles.a:b", Configs.error("models:\n" + OK_MODEL + "profiles:\n  a:b: [ok]\n").key());
    }

    @Test
    void preloadNamingAnUnknownModelIsSkippedWithAWarningAsLlamaSwapDoes() throws Exception {
        SwapdeckConfig config = Configs.parse("models:\n" + OK_MODEL
                + "hooks:\n  on_startup:\n    preload:\n      - ghost\n      - ok\n");
        assertEquals(List.of("ok"), config.preload());
        assertEquals("config.yaml:7:9: hooks.on_startup.preload: unknown model \"ghost\" (skipped)",
                config.warnings().get(0).toString());
    }

    @Test
    void portInProxyWithoutPortInCmdIsAnError() {
        ConfigProblem e = Configs.error("models:\n  a:\n    cmd: a --port 8080\n    proxy: http://127.0.0.1:${PORT}\n");
        assertEquals("config.yaml:4:12: models.a.proxy", e.toString().substring(0, 32));
        assertTrue(e.message().startsWith("uses ${PORT} but cmd does not"), e.message());
    }

    /**
     * llama-swap refuses a file with such a model, and its own config.example.yaml has one
     * ({@code unlisted-model}); SPEC §10 wants that file to load, so the model is left out, with a warning
     * that says what to write. Ports of the other models do not move.
     */
    @Test
    void noPortInCmdAndNoProxyLeavesTheModelOutWithAWarning() {
        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd: a --port 8080\n" + OK_MODEL);
        assertEquals(List.of("ok"), List.copyOf(config.models().keySet()));
        assertEquals(Optional.of(5800), config.models().get("ok").port());
        ConfigProblem w = config.warnings().get(0);
        assertEquals("models.a.proxy", w.key());
        assertEquals(3, w.line());
        assertTrue(w.message().contains("left out") && w.message().contains("set proxy"), w.message());
    }

    @Test
    void aFileWhoseOnlyModelHasNoAddressIsAnError() {
        ConfigProblem e = Configs.error("models:\n  a:\n    cmd: a --port 8080\n");
        assertEquals("models.a.proxy", e.key());
        assertEquals(3, e.line());
        assertTrue(e.message().contains("set proxy") && !e.message().contains("left out"), e.message());
    }

    @Test
    void anUndefinedMacroIsAnError() {
        assertEquals("config.yaml:4:35: models.a.cmd: undefined macro ${model_dir} (known macros: bin)",
                Configs.error("macros: {bin: /opt/llama}\nmodels:\n  a:\n    cmd: ${bin} --port ${PORT} -m ${model_dir}\n")
                        .toString(), "at the reference itself");
    }

    /** The port still goes to cmdStop, proxy and env: their ${PORT} is no second, false error. */
    @Test
    void anUndefinedMacroInACmdThatUsesThePortIsTheOnlyError() {
        String yaml = "models:\n  a:\n    cmd: server --port ${PORT} -m ${ROOT}/x.gguf\n    cmdStop: docker stop a-${PORT}\n"
                + "    proxy: http://127.0.0.1:${PORT}\n    env: [\"P=${PORT}\"]\n";
        assertEquals(List.of("config.yaml:3:35: models.a.cmd: undefined macro ${ROOT}"),
                Configs.errors(yaml).stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void anEmptyCommandIsCalledSo() {
        assertEquals("config.yaml:3:10: models.a.cmd: the command is empty", Configs.error("models:\n  a:\n    cmd: \"\"\n")
                .toString());
    }

    @Test
    void aCharacterYamlDoesNotAllowIsPlacedWhereItStands() {
        assertEquals("config.yaml:3:12: (yaml): not valid YAML: the character U+0000 is not allowed in YAML; remove it",
                Configs.error("models:\n  a:\n    cmd: a \u0000 --port ${PORT}\n").toString());
    }

    /** llama-swap's commands are written as | blocks: a mistake lines into one is shown on its own line. */
    @Test
    void aMacroMistakeInsideABlockIsPlacedOnItsLine() {
        String yaml = "macros: {bin: /opt/llama}\nmodels:\n  a:\n    cmd: |\n      ${bin}\n        --port ${PORT}\n"
                + "        -m ${model_dir}\n  b:\n    cmd: >\n      ${bin}\n      --port ${PORT}\n      -m ${nope}\n";
        assertEquals(List.of("config.yaml:7:12: models.a.cmd: undefined macro ${model_dir} (known macros: bin)",
                "config.yaml:12:10: models.b.cmd: undefined macro ${nope} (known macros: bin)"),
                Configs.errors(yaml).stream().map(ConfigProblem::toString).toList());
    }

    /** A tab after a key's colon separates, as in llama-swap's YAML; one in the indentation is an error in both. */
    @Test
    void aTabAfterAColonIsABlankButNotInTheIndentation() {
        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd:\ta --port ${PORT}\n    ttl:\t \t60\n"
                + "    aliases: [\"x\"]\n");
        assertEquals(List.of("a", "--port", "5800"), config.models().get("a").cmd());
        assertEquals(java.time.Duration.ofSeconds(60), config.models().get("a").ttl());
        ConfigProblem indented = Configs.error("models:\n  a:\n\tcmd: a --port ${PORT}\n");
        assertEquals(3, indented.line());
        assertTrue(indented.toString().contains("(Do not use \\t(TAB) for indentation)"), indented.toString());
    }

    /** A path without its slash is taken with one, saying so; a URL an unknown macro broke has its error only. */
    @Test
    void aCheckEndpointWithoutItsSlashIsAWarningUnlessAMacroBrokeIt() {
        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd: a --port ${PORT}\n    checkEndpoint: health\n");
        assertEquals(Optional.of("/health"), config.models().get("a").checkEndpoint());
        assertEquals(List.of("config.yaml:4:20: models.a.checkEndpoint: expected a path starting with / (or none), got"
                + " \"health\"; using \"/health\""), config.warnings().stream().map(ConfigProblem::toString).toList());

        ConfigException broken = assertThrows(ConfigException.class, () -> ConfigLoader.parse("models:\n  a:\n"
                + "    cmd: a --port ${PORT}\n    checkEndpoint: http://localhost:${nope}/health\n", "config.yaml",
                Optional.empty(), Map.of(), Configs.ENV));
        assertEquals(List.of("models.a.checkEndpoint"), broken.problems().stream().map(ConfigProblem::key).toList());
        assertEquals(List.of(), broken.warnings());
    }

    @Test
    void anInvalidProxyUrlIsAnError() {
        assertEquals("config.yaml:4:12: models.a.proxy: expected an http:// or https:// URL with a host, "
                + "got \"localhost:8080\"",
                Configs.error("models:\n  a:\n    cmd: a --port 8080\n    proxy: localhost:8080\n").toString());
        assertEquals("models.a.proxy",
                Configs.error("models:\n  a:\n    cmd: a --port 8080\n    proxy: 'http://[bad'\n").key());
    }

    /**
     * Docker Compose service names that {@link java.net.URI} reads no host from (an underscore, a last
     * label that begins with a digit) load, as in llama-swap (Go's url.Parse), with their host and port.
     */
    @Test
    void aProxyNamedAfterAComposeServiceLoads() {
        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd: a\n    proxy: http://qwen3.5-2b:5801\n"
                + "  b:\n    cmd: b\n    proxy: http://llama_cpp:8080/\n  c:\n    cmd: c\n    proxy: http://u:pw@ollama_1\n");
        var a = config.models().get("a").proxy();
        assertEquals("qwen3.5-2b", UpstreamAddress.host(a));
        assertEquals(5801, UpstreamAddress.port(a));
        var b = config.models().get("b").proxy();
        assertEquals("http://llama_cpp:8080", b.toString());
        assertEquals("llama_cpp", UpstreamAddress.host(b));
        var c = config.models().get("c").proxy();
        assertEquals("http://ollama_1", c.toString(), "the user and password left out");
        assertEquals(80, UpstreamAddress.port(c));
        assertEquals(-1, UpstreamAddress.explicitPort(c));
        assertEquals(List.of("config.yaml:10:12: models.c.proxy: the user and password in this URL are never sent, so they"
                + " are left out (and out of every log and status page); a peer's key goes in apiKey"),
                config.warnings().stream().map(ConfigProblem::toString).toList());
    }

    /** TLS checks the server's certificate against the URL's host: a name URI cannot read is refused, saying why. */
    @Test
    void anHttpsProxyNamedSoIsAnErrorThatSaysWhy() {
        assertEquals("config.yaml:4:12: models.a.proxy: expected an http:// or https:// URL with a host, got"
                + " \"https://llama_cpp:8443\" (TLS needs a host name of letters, digits, dots and dashes, its last"
                + " part not a number)",
                Configs.error("models:\n  a:\n    cmd: a\n    proxy: https://llama_cpp:8443\n").toString());
        assertEquals("config.yaml:4:12: models.a.proxy: expected an http:// or https:// URL with a host, got"
                + " \"http://llama cpp:8080\"",
                Configs.error("models:\n  a:\n    cmd: a\n    proxy: http://llama cpp:8080\n").toString());
    }

    @Test
    void anEnvEntryWithoutEqualsIsIgnoredWithAWarning() {
        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd: a --port ${PORT}\n    env:\n      - CUDA_VISIBLE_DEVICES\n");
        assertEquals(Map.of(), config.models().get("a").env());
        assertEquals("config.yaml:5:9: models.a.env: expected NAME=value, got an entry without a name and \"=\" (not"
                + " repeated here, as it may be a secret); ignored", config.warnings().get(0).toString());
    }

    /** A key written where a list of keys goes is reported without the key: the message reaches the log's readers. */
    @Test
    void aSecretWrittenInTheWrongShapeIsNotRepeatedInItsError() {
        String secret = "sk-s3cr3t-intended-key";
        List<ConfigProblem> errors = Configs.errors("apiKeys: " + secret + "\n"
                + "models:\n  a:\n    cmd: a --port ${PORT}\n    env: HF_TOKEN=" + secret + "\n");
        assertEquals(2, errors.size(), errors.toString());
        for (ConfigProblem error : errors) {
            assertFalse(error.toString().contains(secret), error.toString());
            assertTrue(error.toString().contains("expected a list, got a single value (not repeated here"),
                    error.toString());
        }
    }

    /** As in llama-swap, whose scheduler reads a negative concurrencyLimit as its default instead. */
    @Test
    void aTtlBelowMinusOneIsAnErrorAndANegativeConcurrencyLimitTheDefault() {
        List<ConfigProblem> errors = Configs.errors(
                "models:\n  a:\n    cmd: a --port ${PORT}\n    ttl: -2\n    concurrencyLimit: -1\n");
        assertEquals(List.of("models.a.ttl"), errors.stream().map(ConfigProblem::key).toList());

        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd: a --port ${PORT}\n    concurrencyLimit: -1\n"
                + "  comfyui_auto:\n    cmd: comfy --port ${PORT}\n    concurrencyLimit: -5\n");
        assertEquals(10, config.models().get("a").concurrencyLimit());
        assertEquals(50, config.models().get("comfyui_auto").concurrencyLimit());
        assertEquals("config.yaml:4:23: models.a.concurrencyLimit: expected a positive number of requests, got -1;"
                + " using the default of 10, as llama-swap does", config.warnings().get(0).toString());
    }

    /** llama-swap's splitter never fails: an open quote runs to the end, and the file loads. */
    @Test
    void anUnterminatedQuoteInCmdRunsToTheEndWithAWarningAtTheCmd() {
        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd: |\n      a --port ${PORT}\n      --model 'x.gguf\n" + OK_MODEL);
        assertEquals(List.of("config.yaml:3:10: models.a.cmd: unterminated single quote (') in command: it runs to the end"
                + " of the command, as llama-swap reads it; close it where it should end"),
                config.warnings().stream().map(ConfigProblem::toString).toList());
        assertEquals("x.gguf\n", config.models().get("a").cmd().get(4));
        assertEquals(2, config.models().size(), "the other models load with it");
    }

    /**
     * YAML ends a plain value at a blank followed by {@code #}: a shell's {@code #} inside quotes on a
     * one-line cmd cuts it there, quote and {@code ${PORT}} included. The message says so.
     */
    @Test
    void aCmdCutByAYamlCommentSaysSo() {
        SwapdeckConfig cut = Configs.parse("models:\n  a:\n    cmd: bash -c 'exec srv --port ${PORT} # main'\n" + OK_MODEL);
        assertEquals("config.yaml:3:10: models.a.cmd: unterminated single quote (') in command: it runs to the end of the"
                + " command, as llama-swap reads it; close it where it should end; note that YAML read \"# main'\" as a"
                + " comment, not as part of cmd (a plain value ends at a blank followed by #): to keep it, write cmd as a"
                + " block (cmd: |, then the command on the next lines)", cut.warnings().get(0).toString());
        assertEquals(List.of("bash", "-c", "exec srv --port " + cut.models().get("a").proxy().getPort()),
                cut.models().get("a").cmd());
        ConfigProblem port = Configs.parse("models:\n  a:\n    cmd: bash -c 'exec srv # ${PORT}'\n" + OK_MODEL)
                .warnings().get(0);
        assertTrue(port.message().endsWith("note that YAML read \"# ${PORT}'\" as a comment, not as part of cmd (a plain "
                + "value ends at a blank followed by #): to keep it, write cmd as a block (cmd: |, then the command on "
                + "the next lines)"), port.message());
    }

    @Test
    void aCommentAfterAWholeCmdOrInABlockAddsNoNote() {
        String unclosed = "config.yaml:3:10: models.a.cmd: unterminated single quote (') in command: it runs to the end"
                + " of the command, as llama-swap reads it; close it where it should end";
        assertEquals(unclosed, Configs.parse("models:\n  a:\n    cmd: \"srv --port ${PORT} 'x\"  # quoted value\n")
                .warnings().get(0).toString());
        assertEquals(unclosed, Configs.parse("models:\n  a:\n    cmd: |\n      srv --port ${PORT} 'x\n      # a comment line\n")
                .warnings().get(0).toString());
    }

    @Test
    void pidOutsideCmdStopIsAnError() {
        assertEquals("models.a.cmd", Configs.error("models:\n  a:\n    cmd: a --port ${PORT} --parent ${PID}\n").key());
    }

    /** llama-swap refuses it there too ("unknown macro '${PID}'"); Swapdeck sent it on as written. */
    @Test
    void pidInMetadataOrSetParamsIsAnErrorAtItsValue() {
        List<String> errors = Configs.errors(String.join("\n",
                "models:",
                "  a:",
                "    cmd: a --port ${PORT}",
                "    metadata: {owner: me, pid: \"${PID}\"}",
                "    filters:",
                "      setParams: {user: \"pid=${PID}\"}",
                "")).stream().map(ConfigProblem::toString).toList();
        assertEquals(List.of("config.yaml:4:32: models.a.metadata.pid: ${PID} is only known in cmdStop",
                "config.yaml:6:25: models.a.filters.setParams.user: ${PID} is only known in cmdStop"), errors);
    }

    @Test
    void aCheckEndpointWithoutItsSlashIsReadAsAPathAsLlamaSwapReadsIt() {
        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd: a --port ${PORT}\n    checkEndpoint: health\n");
        assertEquals(Optional.of("/health"), config.models().get("a").checkEndpoint());
        assertEquals("models.a.checkEndpoint", config.warnings().get(0).key());
    }

    @Test
    void anUnknownLogLevelIsInfoWithAWarning() {
        SwapdeckConfig config = Configs.parse("logLevel: trace\nmodels:\n  a:\n    cmd: a --port ${PORT}\n");
        assertEquals(LogLevel.INFO, config.logLevel());
        assertEquals("config.yaml:1:11: logLevel: expected debug, info, warn or error, got \"trace\"; using info",
                config.warnings().get(0).toString());
    }

    @Test
    void everyErrorIsReportedAtOnceInFileOrder() {
        List<ConfigProblem> errors = Configs.errors(String.join("\n",
                "models:",
                "  a:",
                "    ttl: x",
                "  b:",
                "    cmd: b --port ${PORT}",
                "    ttl: [1]",
                "profiles:",
                "  p:b: [b]",
                ""));
        assertEquals(List.of(2, 3, 6, 8), errors.stream().map(ConfigProblem::line).toList());
    }
}
