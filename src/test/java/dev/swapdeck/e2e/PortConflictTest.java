package dev.swapdeck.e2e;

import static dev.swapdeck.e2e.LiveSwapdeck.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.testing.RunningDemoUpstream;
import dev.swapdeck.testing.TestModels;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * SPEC §3: a stranger already listening on a model's port (a leftover server, another program) fails
 * the start at once with the port and the holder named; its health answer never makes the model ready,
 * and no request reaches it.
 */
@EnabledOnOs(OS.LINUX)
class PortConflictTest {

    @Test
    void aStrangerOnTheModelsPortFailsTheStartAtOnceAndAnswersNothing() throws Exception {
        try (RunningDemoUpstream stranger = RunningDemoUpstream.start("--model", "stranger")) {
            var model = TestModels.model("a").port(stranger.port()).build();
            try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(model))) {
                HttpResponse<String> response = swapdeck.chat("a", "");

                assertEquals(502, response.statusCode(), response.body());
                String message = error(response).path("message").asText();
                assertTrue(message.contains("port conflict: port " + stranger.port() + " is already in use by pid "
                        + stranger.process().pid()), message);
                assertTrue(message.contains("DemoUpstream"), "the holder's command is named: " + message);
                assertTrue(!message.contains("Exception") && !message.contains("\tat "), "words, not a stack: " + message);
                assertEquals(ProcessState.STOPPED, swapdeck.core.state("a"));
                assertTrue(swapdeck.core.status("a").process().lastError().orElse("").contains(message.substring(
                        message.indexOf("port conflict"))), "the model's last error says the same");
                assertTrue(swapdeck.core.logs.proxyHistory().stream().noneMatch(l -> l.text().startsWith("spawned pid")),
                        "nothing was spawned to fight over the port");
                assertTrue(stranger.lines().stream().noneMatch(l -> l.startsWith("request ")),
                        "no request reached the stranger: " + stranger.lines());
            }
        }
    }
}
