package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The demo configuration and the example template ship in the jar and must always load. */
class BundledConfigsTest {

    @Test
    void theDemoLoadsAndRunsTheDemoUpstreamWithThisJava() {
        SwapdeckConfig demo = DemoConfig.load();
        assertTrue(demo.isDemo());
        assertEquals(List.of(), demo.warnings());
        assertTrue(demo.models().size() >= 2);
        for (ModelConfig m : demo.models().values()) {
            List<String> cmd = m.cmd();
            assertEquals(DemoConfig.javaExecutable(), cmd.get(0));
            int cp = cmd.indexOf("-cp");
            assertTrue(cp > 0, "the demo runs with an explicit classpath: " + cmd);
            assertEquals(List.of("-cp", System.getProperty("java.class.path"), "dev.swapdeck.demo.DemoUpstream",
                    "--port", m.port().orElseThrow().toString(), "--model", m.id()), cmd.subList(cp, cp + 7));
            assertTrue(m.description().isPresent(), m.id());
        }
    }

    /** A llama-swap (or anything) already on the demo's ports: the demo moves to ports of its own. */
    @Test
    void theDemoTakesPortsNothingListensOn() throws Exception {
        int first = DemoConfig.load().models().values().iterator().next().port().orElseThrow();
        try (ServerSocket taken = new ServerSocket(first, 1, InetAddress.getLoopbackAddress())) {
            SwapdeckConfig demo = DemoConfig.load();
            List<Integer> ports = demo.models().values().stream().map(m -> m.port().orElseThrow()).toList();
            assertFalse(ports.contains(first), ports + " avoids " + first);
            for (int port : ports) {
                try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    assertEquals(port, free.getLocalPort());
                }
            }
        }
    }

    /** {@code --listen 127.0.0.1:5800}: nothing listens there yet, and the demo's models keep off it. */
    @Test
    void theDemoKeepsOffThePortSwapdeckWillListenOn() {
        int first = DemoConfig.load().models().values().iterator().next().port().orElseThrow();
        List<Integer> ports = DemoConfig.load(first).models().values().stream().map(m -> m.port().orElseThrow()).toList();
        assertFalse(ports.contains(first), ports + " avoids " + first);
    }

    @Test
    void theDemoShowsAnAliasATtlASlowStartAndAProfile() {
        SwapdeckConfig demo = DemoConfig.load();
        assertTrue(demo.aliases().containsKey("fast"));
        assertTrue(demo.models().values().stream().anyMatch(m -> !m.ttl().isZero()));
        assertTrue(demo.models().values().stream().anyMatch(m -> m.cmd().contains("--health-delay-ms")));
        assertEquals(1, demo.profiles().size());
        assertEquals(2, demo.profiles().values().iterator().next().size());
    }

    @Test
    void theDemoJavaExecutableExists() {
        assertTrue(Files.isExecutable(Path.of(DemoConfig.javaExecutable())), DemoConfig.javaExecutable());
    }

    @Test
    void theExampleConfigLoadsWithoutErrorsOrWarnings() throws Exception {
        SwapdeckConfig example = ConfigLoader.parse(ConfigLocation.template(), "config.example.yaml",
                Optional.empty());
        assertEquals(List.of(), example.warnings());
        assertEquals(List.of("gemma-embed", "llama-8b", "qwen-coder", "vllm-qwen-72b", "whisper"),
                List.copyOf(example.models().keySet()));
        assertEquals(Optional.of(10003), example.models().get("qwen-coder").port());
        assertTrue(example.profiles().containsKey("coding"));
    }

    @Test
    void theBundledExampleIsTheRepositoryFile() throws Exception {
        assertEquals(Files.readString(Path.of("config.example.yaml")), ConfigLocation.template());
    }
}
