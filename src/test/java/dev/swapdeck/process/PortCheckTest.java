package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The check before every spawn: a free port passes on a refused connection (no look through
 * {@code /proc}, which is slow on a busy machine), a port with a listener fails and names its holder,
 * whichever way the model's address is written.
 */
class PortCheckTest {

    /** The holder here is this JVM, as Swapdeck's own port would be; PortConflictTest names a stranger. */
    @Test
    void aFreePortPassesAndAListenedOneFailsWhicheverWayItsAddressIsWritten() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = listener.getLocalPort();
            for (String host : new String[] {"127.0.0.1", "localhost", "0.0.0.0"}) {
                Optional<String> conflict = PortCheck.conflict("m", URI.create("http://" + host + ":" + port));
                assertTrue(conflict.isPresent(), host);
                assertTrue(conflict.get().startsWith("port conflict: port " + port + " is where Swapdeck itself listens"), conflict.get());
                assertTrue(conflict.get().contains("give model m another port"), conflict.get());
            }
        }
        assertEquals(Optional.empty(), PortCheck.conflict("m", URI.create("http://127.0.0.1:" + port)));
    }

    /** A proxy written with a name of this machine (its own host name, a name in /etc/hosts) is checked too. */
    @Test
    void aNameOfThisMachineIsCheckedAsItsAddressIs() throws Exception {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            assumeTrue(false, "this machine's name does not resolve here");
            return;
        }
        try (ServerSocket listener = new ServerSocket(0, 50)) {
            int port = listener.getLocalPort();
            Optional<String> conflict = PortCheck.conflict("m", URI.create("http://" + name + ":" + port));
            assertTrue(conflict.isPresent(), "a stranger on " + name + ":" + port + " would answer for the model");
            assertEquals(port, PortCheck.localPort(URI.create("http://" + name + ":" + port)).orElse(-1));
        }
    }

    /** The holder is named in an error that HTTP clients and the window show: never with its secrets, never kilobytes long. */
    @Test
    void aHoldersCommandIsShownWithItsSecretsMaskedAndItsLengthCut() {
        ProcFs.Listener server = new ProcFs.Listener(42, "llama-server --port 8080 --api-key sk-live-1234 -m m.gguf");
        assertEquals("pid 42 (llama-server --port 8080 --api-key *** -m m.gguf)", server.shown());

        String classPath = "/lib/a.jar:".repeat(500);
        String shown = new ProcFs.Listener(7, "java -cp " + classPath + " Main --token=abcdef").shown();
        assertTrue(shown.startsWith("pid 7 (java -cp /lib/a.jar:"), shown);
        assertTrue(shown.endsWith(":/lib/a.jar: Main --token=***)"), "the main class and its arguments stay: " + shown);
        assertTrue(shown.contains("…"), shown);
        assertEquals(ProcFs.Listener.SHOWN_COMMAND_CHARS, shown.length() - "pid 7 ()".length());
        assertEquals("pid 9", new ProcFs.Listener(9, "").shown());
    }

    @Test
    void aRemoteHostIsNotChecked() {
        assertEquals(Optional.empty(), PortCheck.conflict("m", URI.create("http://models.example:8080")));
        // Compose service names, which URI reads no host from (UpstreamAddress)
        assertEquals(Optional.empty(), PortCheck.conflict("m", URI.create("http://llama_cpp:8080")));
        assertEquals(Optional.empty(), PortCheck.conflict("m", URI.create("http://qwen3.5-2b:5801")));
        assertEquals(OptionalInt.empty(), PortCheck.localPort(URI.create("http://llama_cpp:8080")));
    }
}
