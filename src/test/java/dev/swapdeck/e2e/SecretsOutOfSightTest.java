package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.TestModels;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys in commands and environments never show: not in logs, /api/models, /running or lastError (SPEC §8). */
class SecretsOutOfSightTest {
    private static final String FLAG_SECRET = "hf_flag_secret_0123";
    private static final String ENV_SECRET = "sk-env-secret-4567";
    private static final List<String> SECRETS = List.of(FLAG_SECRET, ENV_SECRET);

    /** The demo upstream behind {@code sh}, so that its command line carries {@code --hf-token VALUE}. */
    private static ModelConfig withTokenFlag(String id) {
        int port = FreePorts.loopback();
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "shift 2; exec \"$@\"", "sh", "--hf-token", FLAG_SECRET));
        cmd.addAll(DemoUpstreamCommand.argv("--port", Integer.toString(port), "--model", id));
        return TestModels.model(id).port(port).cmd(cmd).env("OPENAI_API_KEY", ENV_SECRET).build();
    }

    /** A server that prints its key and exits: the key reaches the upstream log and the last error. */
    private static ModelConfig leaky(String id) {
        return TestModels.model(id).cmd(List.of("sh", "-c", "echo \"using key $OPENAI_API_KEY\"; exit 3"))
                .env("OPENAI_API_KEY", ENV_SECRET).build();
    }

    @Test
    void secretsAreMaskedWhereverCommandsAndOutputAreShown() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(withTokenFlag("a"), leaky("leaky")))) {
            assertEquals(200, post(swapdeck, "/api/models/load/a").statusCode());
            HttpResponse<String> failed = post(swapdeck, "/api/models/load/leaky");
            assertEquals(502, failed.statusCode());
            assertTrue(failed.body().contains("using key ***"), failed.body());

            JsonNode models = LiveSwapdeck.JSON.readTree(swapdeck.get("/api/models").body());
            JsonNode a = models.path("models").get(0);
            assertTrue(a.path("cmd").asText().contains("--hf-token ***"), a.toString());
            assertEquals("***", a.path("env").path("OPENAI_API_KEY").asText(), a.toString());
            String lastError = models.path("models").get(1).path("lastError").asText();
            assertTrue(lastError.contains("using key ***"), lastError);
            for (String shown : List.of(models.toString(), swapdeck.get("/running").body(), swapdeck.get("/logs").body())) {
                for (String secret : SECRETS) {
                    assertFalse(shown.contains(secret), secret + " shown in:\n" + shown);
                }
            }
            assertTrue(swapdeck.get("/logs").body().contains("--hf-token ***"));
            assertTrue(swapdeck.core.status("leaky").process().lastError().orElse("").contains("***"),
                    "the window reads the same masked lastError");
        }
    }

    private static HttpResponse<String> post(LiveSwapdeck swapdeck, String path) throws Exception {
        return swapdeck.client.send(HttpRequest.newBuilder(swapdeck.base.resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
