package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeEchoesTest {
    @ParameterizedTest(name = "{0} | {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // llama-server's log_server_request, and uvicorn's access log (vLLM, many Python servers)
        "/health | srv  log_server_r: request: GET /health 127.0.0.1 503 | true",
        "/health | 'INFO:     127.0.0.1:50522 - \"GET /health HTTP/1.1\" 503 Service Unavailable' | true",
        "/health?ready=1 | srv  log_server_r: request: GET /health?ready=1 127.0.0.1 200 | true",
        "/health | srv  log_server_r: request: GET /health | true",
        // the server's own lines are kept, and a probe of / is not every line with a slash
        "/health | main: server is listening on http://127.0.0.1:8080/health | false",
        "/health | srv  log_server_r: request: GET /healthz 127.0.0.1 200 | false",
        "/health | srv  log_server_r: request: POST /health 127.0.0.1 405 | false",
        "/ | srv  log_server_r: request: GET /health 127.0.0.1 200 | false",
        "/ | llama_model_loader: loaded meta data from /models/tiny.gguf | false",
        "/ | srv  log_server_r: request: GET / 127.0.0.1 200 | true",
        "/v1/models | srv  log_server_r: request: GET /v1/models 127.0.0.1 503 | true",
    })
    void recognisesARequestLineForTheProbesPath(String path, String line, boolean echo) {
        ProbeEchoes echoes = ProbeEchoes.of(Optional.of(URI.create("http://127.0.0.1:8080" + path)));
        assertEquals(echo, echoes.isEcho(line));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"srv  log_server_r: request: GET /health 127.0.0.1 503", "GET /"})
    void withoutAHealthCheckNoLineIsAnEcho(String line) {
        assertEquals(false, ProbeEchoes.NONE.isEcho(line));
    }
}
