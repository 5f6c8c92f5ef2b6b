package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** llama-swap's peer namespace rules: one peer model per fully qualified name, hidden by nothing local. */
class PeerNamespaceTest {
    private static final String LOCAL = "models:\n  x:\n    cmd: 'server ${PORT}'\n";

    @Test
    void twoPeersWhoseNamesJoinAlikeAreRefused() {
        ConfigProblem e = Configs.error(LOCAL + "peers:\n"
                + "  q: {proxy: 'http://127.0.0.1:9001', models: ['r/s']}\n"
                + "  q/r: {proxy: 'http://127.0.0.1:9002', models: [s]}\n");
        assertEquals("peer model name 'q/r/s' is ambiguous between peers.q model 'r/s' and peers.q/r model 's'; "
                + "rename a peer", e.message());
        assertEquals(6, e.line(), "at the second peer's name");
    }

    @Test
    void aLocalIdOrAliasSpelledLikeAPeersModelIsRefused() {
        List<String> messages = Configs.errors("models:\n"
                + "  p/m:\n    cmd: 'server ${PORT}'\n"
                + "  x:\n    cmd: 'server ${PORT}'\n    aliases: ['p/n']\n"
                + "peers:\n  p: {proxy: 'http://127.0.0.1:9001', models: [m, n]}\n")
                .stream().map(ConfigProblem::message).toList();
        assertEquals(List.of(
                "model id 'p/m' is also the name of peers.p's model 'm', which it would hide; rename the model",
                "model x's alias 'p/n' is also the name of peers.p's model 'n', which it would hide; rename the alias"),
                messages);
    }

    /** As llama-swap's ValidatePeerNamespace: the pin would hide the peer's model while its profile is active. */
    @Test
    void aPinSpelledLikeAPeersModelIsRefused() {
        ConfigProblem e = Configs.error(LOCAL + "peers:\n  p: {proxy: 'http://127.0.0.1:9001', models: [m]}\n"
                + "profiles:\n  fast:\n    pins: {p/m: x, m: x}\n");
        assertEquals("profiles.fast.pins.p/m", e.key());
        assertEquals("\"p/m\" is the name of a peer's model, which this pin would hide while the profile is active; a pin"
                + " needs another name", e.message());
    }

    @Test
    void distinctNamesLoad() {
        Configs.parse(LOCAL + "peers:\n  p: {proxy: 'http://127.0.0.1:9001', models: [m, x]}\n"
                + "  q: {proxy: 'http://127.0.0.1:9002', models: [m]}\n");
    }
}
