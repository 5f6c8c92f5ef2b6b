package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.config.CommandLine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which commands run their model in a container, whose runtime's proxy holds the model's port (so the
 * port's holder is no stranger): as llama-swap's users write them, wrapped or not.
 */
class ContainerCommandsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "docker run --rm -p ${PORT}:8080 ghcr.io/ggml-org/llama.cpp:server | true",
        "/usr/bin/podman run -p ${PORT}:8080 image | true",
        "bash -c 'docker run --rm -p ${PORT}:8080 image' | true",
        "/usr/bin/env docker run -p ${PORT}:8080 image | true",
        "sh -c 'exec nerdctl run image; echo done' | true",
        "llama-server --port ${PORT} -m /models/docker-tuned.gguf | false",
        "bash -c 'llama-server --port ${PORT}' | false",
    })
    void aRuntimeAnywhereInTheCommandCounts(String cmd, boolean container) {
        assertEquals(container, PortOwnership.runsAContainer(CommandLine.split(cmd)));
    }
}
