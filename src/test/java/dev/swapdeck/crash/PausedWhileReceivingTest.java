package dev.swapdeck.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.SwapdeckJvm;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swapdeck paused (a real SIGSTOP; a paused container or a suspended machine alike) while a request
 * body arrives, for longer than {@code security.requestHeaderTimeout}: the rest of the body came
 * during the pause, so on resume the request is served. The stall check ran before the waiting bytes
 * were read and answered 408 "no byte came", though every byte had.
 */
@EnabledOnOs(OS.LINUX)
class PausedWhileReceivingTest {

    @Test
    void aBodyWhoseRestCameWhileSwapdeckWasPausedIsServed(@TempDir Path dir) throws Exception {
        String yaml = "security:\n  requestHeaderTimeout: 1\nmodels:\n" + DemoYaml.model("a", FreePorts.loopback(), List.of());
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(yaml).env(StateFolder.ENV_VARIABLE, dir.resolve("state").toString())
                .start();
             Socket client = new Socket(InetAddress.getLoopbackAddress(), app.port)) {
            client.setSoTimeout(30_000);
            byte[] body = "{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + app.port
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, 10);
            out.flush();
            TimeUnit.MILLISECONDS.sleep(300); // Swapdeck has read the first part and waits for the rest
            app.signal("STOP");
            try {
                out.write(body, 10, body.length - 10);
                out.flush();
                TimeUnit.MILLISECONDS.sleep(2_500);
            } finally {
                app.signal("CONT");
            }
            assertEquals("HTTP/1.1 200 OK", statusLine(client.getInputStream()), app.output());
        }
    }

    private static String statusLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }
}
