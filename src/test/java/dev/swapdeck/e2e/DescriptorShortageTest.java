package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.SwapdeckJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storm of first clients under a low {@code ulimit -n} left XNIO's {@code Channels} class broken for
 * good (its first use opens {@code /dev/null}, which failed for want of a descriptor): every later
 * request body read failed with {@code NoClassDefFoundError}. Swapdeck initializes it before it listens.
 */
class DescriptorShortageTest {

    @Test
    void xniosChannelsClassIsReadyBeforeTheFirstClient(@TempDir Path dir) throws Exception {
        String yaml = "models:\n  a:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n";
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(yaml).jvmFlags("-Xlog:class+init=info").start()) {
            String output = app.output();
            int initialized = output.indexOf("Initializing 'org/xnio/channels/Channels'");
            int listening = output.indexOf("listening on http://");
            assertTrue(initialized >= 0 && listening >= 0 && initialized < listening,
                    "Channels initialized at " + initialized + ", listening at " + listening);
        }
    }
}
