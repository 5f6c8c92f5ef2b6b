package dev.swapdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.RawHttp;
import dev.swapdeck.testing.SwapdeckJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --listen vm:8080}, where {@code vm} names this machine's loopback (a line of /etc/hosts): the
 * URL Swapdeck tells clients to use works, while a name a rebinding page could take is still refused.
 */
class ListenNameTest {
    private static final String MODELS = "models:\n  a:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n";

    @Test
    void theNameGivenToListenIsAdmittedAsTheHost(@TempDir Path dir) throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost swapdeck-vm\n");
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(MODELS).listenHost("swapdeck-vm")
                .jvmFlags("-Djdk.net.hosts.file=" + hosts).start()) {
            assertTrue(app.output().contains("clients use http://swapdeck-vm:" + app.port + "/v1"), app.output());
            assertEquals(200, RawHttp.withHost(app.port, "GET", "/running", "swapdeck-vm:" + app.port).status());
            assertEquals(403, RawHttp.withHost(app.port, "GET", "/running", "other-vm:" + app.port).status());
        }
    }
}
