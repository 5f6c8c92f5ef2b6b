package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code /api/models} shows each model's port, as the window does, also where proxy alone names it. */
class ApiModelsPortTest {
    @Test
    void aPortWrittenInProxyIsShown() throws Exception {
        try (OneModelProxy proxy = new OneModelProxy(9311, "{}")) {
            HttpResponse<String> models = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(proxy.base().resolve("/api/models")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(9311, Json.MAPPER.readTree(models.body()).path("models").get(0).path("port").asInt(-1),
                    models.body());
        }
    }
}
