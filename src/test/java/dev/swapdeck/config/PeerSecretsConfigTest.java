package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a peer's settings let into a request header or a status page (SPEC §8). */
class PeerSecretsConfigTest {
    private static final String MODELS = "models:\n  a: {cmd: 'a --port ${PORT}'}\n";

    /** A key written as a | block ends in a line break: taken without it, never sent with it. */
    @Test
    void aKeyEndingInALineBreakIsTakenWithoutIt() {
        SwapdeckConfig config = Configs.parse(MODELS
                + "peers:\n  b:\n    proxy: http://127.0.0.1:9\n    apiKey: |\n      secret-1\n    models: [m]\n");
        assertEquals(Optional.of("secret-1"), config.extras().peers().get("b").apiKey());
    }

    @Test
    void aKeyWithALineBreakInsideIsAnErrorThatDoesNotEchoIt() {
        List<ConfigProblem> errors = Configs.errors(MODELS
                + "peers:\n  b:\n    proxy: http://127.0.0.1:9\n    apiKey: \"secret\\nX-Injected: yes\"\n    models: [m]\n");
        assertEquals(List.of("config.yaml:6:13: peers.b.apiKey: apiKey must be one line without control characters: it is"
                + " sent in a header"), errors.stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void aUserAndPasswordInAUrlAreLeftOutWithAWarning() {
        SwapdeckConfig config = Configs.parse("models:\n  a:\n    cmd: a --port ${PORT}\n    proxy: http://u:pw@127.0.0.1:${PORT}\n"
                + "peers:\n  b:\n    proxy: http://alice:pw-S3CRET@127.0.0.1:9/api\n    models: [m]\n");
        assertEquals(URI.create("http://127.0.0.1:9/api"), config.extras().peers().get("b").proxy());
        assertEquals("http://127.0.0.1:" + config.models().get("a").port().orElseThrow(),
                config.models().get("a").proxy().toString());
        assertEquals(List.of("models.a.proxy", "peers.b.proxy"), config.warnings().stream().map(ConfigProblem::key).toList());
        config.warnings().forEach(w -> assertEquals(-1, w.toString().indexOf("pw"), w.toString()));
        assertEquals(-1, Configs.error(MODELS + "peers:\n  b:\n    proxy: ftp://alice:pw-S3CRET@host\n    models: [m]\n")
                .toString().indexOf("S3CRET"), "nor in an error about the URL");
    }
}
