package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.SwapdeckConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The routing names llama-swap adds to {@code /v1/models}, and those it leaves out. */
class RoutingListingTest {
    @Test
    void aPinNamedAsAModelOrAnAliasIsNotListedAgain() throws Exception {
        SwapdeckConfig config = ConfigLoader.parse(String.join("\n",
                "models:",
                "  p1: {cmd: /bin/true, proxy: 'http://127.0.0.1:9'}",
                "  p2: {cmd: /bin/true, proxy: 'http://127.0.0.1:9', aliases: [p2a]}",
                "profiles:",
                "  work:",
                "    pins: {llm: p1, p2a: p1, p2: p1, off: ~}",
                ""), "config.yaml", Optional.empty());
        List<String> listed = RoutingListing.entries(config, 0, Optional.of("work")).stream()
                .map(entry -> entry.path("id").asText()).toList();
        assertEquals(List.of("llm"), listed, "p2 and p2a are already in the list, off leads nowhere");
        ObjectNode pin = RoutingListing.entries(config, 0, Optional.of("work")).get(0);
        assertEquals("profile", pin.path("meta").path("llamaswap").path("type").asText());
    }
}
