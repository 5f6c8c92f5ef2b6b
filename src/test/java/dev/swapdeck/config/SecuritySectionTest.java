package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** apiKeys (llama-swap's rules), the security: section, and ${env.NAME} anywhere in the file. */
class SecuritySectionTest {
    private static final String MODELS = "models:\n  m: {cmd: 'm ${PORT}'}\n";

    @Test
    void defaultsAreLoopbackOnlyNoKeysAndTheSpecLimits() {
        SecurityConfig security = Configs.parse(MODELS).security();
        assertEquals(List.of(), security.apiKeys());
        assertEquals(64L * 1024 * 1024, security.maxBodyBytes());
        assertEquals(256L * 1024 * 1024, security.bodyBudgetBytes());
        assertEquals(Duration.ofSeconds(30), security.requestHeaderTimeout());
        assertEquals(Duration.ofSeconds(120), security.idleTimeout());
    }

    @Test
    void everySettingIsRead() {
        SecurityConfig security = Configs.parse(String.join("\n",
                "apiKeys: [sk-1, \"${env.HOME}\"]",
                "security:",
                "  allowedHosts: [Swapdeck.LAN, 192.168.1.20]",
                "  cors:",
                "    allowedOrigins: [\"https://chat.example\", \"http://tablet.lan:*\", \"*\"]",
                "  maxBodySize: 16MiB",
                "  bodyBudget: 1073741824",
                "  requestHeaderTimeout: 5",
                "  idleTimeout: 60",
                MODELS)).security();
        assertEquals(List.of("sk-1", "/home/test"), security.apiKeys());
        assertEquals(List.of("swapdeck.lan", "192.168.1.20"), security.allowedHosts());
        assertEquals(List.of("https://chat.example", "http://tablet.lan:*", "*"), security.allowedOrigins());
        assertEquals(16L * 1024 * 1024, security.maxBodyBytes());
        assertEquals(1024L * 1024 * 1024, security.bodyBudgetBytes());
        assertEquals(Duration.ofSeconds(5), security.requestHeaderTimeout());
        assertEquals(Duration.ofSeconds(60), security.idleTimeout());
        assertTrue(!security.toString().contains("sk-1"), "keys never appear in a printed config");
    }

    @Test
    void aWildcardHostIsAWarningThatSaysWhatItTurnsOff() {
        SwapdeckConfig config = Configs.parse("security: {allowedHosts: [\"*\"]}\n" + MODELS);
        assertEquals(List.of("*"), config.security().allowedHosts());
        assertEquals(List.of("security.allowedHosts"), config.warnings().stream().map(ConfigProblem::key).toList());
        assertTrue(config.warnings().get(0).message().startsWith("\"*\" turns the DNS-rebinding check off"));
    }

    /** A browser sends a plain-http name no Sec-Fetch-Site, and a GET no Origin: without keys, such a name is open to pages. */
    @Test
    void aNameAdmittedWithoutKeysIsAWarningThatSaysWhatPagesCanDo() {
        SwapdeckConfig open = Configs.parse("security: {allowedHosts: [localhost, 127.0.0.2, vm]}\n" + MODELS);
        assertEquals(List.of("security.allowedHosts"), open.warnings().stream().map(ConfigProblem::key).toList());
        assertTrue(open.warnings().get(0).message().startsWith("without apiKeys, a web page can send GET requests to "
                + "Swapdeck by the name \"vm\""), open.warnings().get(0).message());
        assertEquals(List.of(), Configs.parse("apiKeys: [sk-1]\nsecurity: {allowedHosts: [vm]}\n" + MODELS).warnings());
        assertEquals(List.of(), Configs.parse("security: {allowedHosts: [localhost, \"[::1]\", \"[0:0:0:0:0:0:0:1]\", 127.0.0.2]}\n" + MODELS)
                .warnings());
    }

    @Test
    void keysFollowLlamaSwapsRules() {
        assertEquals("apiKeys[1]", Configs.error("apiKeys: [ok, '']\n" + MODELS).key());
        assertEquals("an API key cannot contain spaces", Configs.error("apiKeys: ['a b']\n" + MODELS).message());
    }

    @Test
    void badValuesAreErrorsThatNameTheirPlace() {
        assertEquals("config.yaml:1:36: security.cors.allowedOrigins[0]: expected \"*\" or an origin such as "
                + "http://localhost:3000, got \"chat.example\"",
                Configs.error("security: {cors: {allowedOrigins: [chat.example]}}\n" + MODELS).toString());
        assertEquals("security.maxBodySize", Configs.error("security: {maxBodySize: lots}\n" + MODELS).key());
        assertEquals("security.idleTimeout", Configs.error("security: {idleTimeout: 0}\n" + MODELS).key());
    }

    @Test
    void aBudgetSmallerThanOneBodyIsRaisedWithAWarning() {
        SwapdeckConfig config = Configs.parse("security: {maxBodySize: 8MiB, bodyBudget: 1MiB}\n" + MODELS);
        assertEquals(8L * 1024 * 1024, config.security().bodyBudgetBytes());
        assertEquals("security.bodyBudget", config.warnings().get(0).key());
    }

    @Test
    void environmentReferencesWorkAnywhereButInComments() {
        SwapdeckConfig config = Configs.parse(String.join("\n",
                "# ${env.NOT_SET_ANYWHERE} in a comment is left alone",
                "models:",
                "  m:",
                "    cmd: m --port ${PORT} # ${env.NOT_SET_EITHER}",
                "    name: \"${env.MODELS} models\"",
                ""));
        assertEquals("/srv/models models", config.models().get("m").name().orElseThrow());
        ConfigProblem unset = Configs.error("apiKeys: [\"${env.NOT_SET_ANYWHERE}\"]\n" + MODELS);
        assertEquals("config.yaml:1:11: apiKeys[0]: environment variable NOT_SET_ANYWHERE is not set "
                + "(used as ${env.NOT_SET_ANYWHERE})", unset.toString());
    }

    @Test
    void referencesInFlowCollectionsAreSubstitutedBeforeTheYamlIsRead() {
        // As llama-swap's TestLoadConfigSources_EnvMacroInFlowStyleList: the bare "{" is no flow mapping.
        assertEquals(List.of("sk-or-test", "sk-2"),
                Configs.parse("apiKeys: [${env.OPENROUTER_API_KEY}, sk-2]\n" + MODELS).security().apiKeys());
        assertEquals("/srv/models/q", Configs.parse("models:\n  m: {cmd: 'm ${PORT}', name: ${env.MODELS}/q}\n")
                .models().get("m").name().orElseThrow());
    }

    @Test
    void aValueIsTextWhereverItGoesAndLaterPositionsStayAsWritten() throws ConfigException {
        String title = "a, b: \"c\\\" # d ]}";
        Map<String, String> env = Map.of("TITLE", title, "ORIGIN", "http://a.example");
        SwapdeckConfig config = ConfigLoader.parse("models:\n  m: {cmd: 'm ${PORT}', name: ${env.TITLE}}\n",
                "config.yaml", Optional.empty(), Map.of(), env);
        assertEquals(title, config.models().get("m").name().orElseThrow());
        List<ConfigProblem> errors = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "security: {cors: {allowedOrigins: [${env.ORIGIN}, chat.example]}}\n" + MODELS, "config.yaml",
                Optional.empty(), Map.of(), env)).problems();
        assertEquals(List.of("config.yaml:1:51: security.cors.allowedOrigins[1]: expected \"*\" or an origin such "
                + "as http://localhost:3000, got \"chat.example\""), errors.stream().map(ConfigProblem::toString).toList());
    }

    /** As llama-swap's "env value with newline (carriage return) is rejected": cmd would split at it. */
    @Test
    void aValueWithALineBreakIsAnErrorNamingTheVariable() {
        Map<String, String> env = Map.of("TEST_MULTILINE", "line1\nline2", "TEST_CR", "line1\rline2",
                "TEST_LEADING_NEWLINE", "\nline", "TEST_NUL", "\0");
        List<ConfigProblem> errors = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "models:\n  m:\n    cmd: server --port ${PORT} --config ${env.TEST_MULTILINE}\n"
                        + "    name: \"${env.TEST_CR}\"\n    description: \"${env.TEST_LEADING_NEWLINE}${env.TEST_NUL}\"\n",
                "config.yaml", Optional.empty(), Map.of(), env)).problems();
        assertEquals(List.of("config.yaml:3:10: models.m.cmd: environment variable TEST_MULTILINE contains newlines "
                        + "or NUL characters, which a configuration value cannot hold (used as ${env.TEST_MULTILINE})",
                "config.yaml:4:11: models.m.name: environment variable TEST_CR contains newlines or NUL characters, "
                        + "which a configuration value cannot hold (used as ${env.TEST_CR})",
                "config.yaml:5:18: models.m.description: environment variable TEST_LEADING_NEWLINE contains newlines "
                        + "or NUL characters, which a configuration value cannot hold (used as ${env.TEST_LEADING_NEWLINE})",
                "config.yaml:5:18: models.m.description: environment variable TEST_NUL contains newlines "
                        + "or NUL characters, which a configuration value cannot hold (used as ${env.TEST_NUL})"),
                errors.stream().map(ConfigProblem::toString).toList());
    }
}
