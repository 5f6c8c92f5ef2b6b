package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.TestModels;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A command that starts its server in a double fork under {@code setsid env -i} and exits leaves the
 * server with no link to it: not its descendant, not in its group, without its mark. Swapdeck cannot
 * tell it from another program on the port, so it leaves it running; the failed start says which
 * process now holds the port, so that the user can stop it.
 */
class ServerLeftBeyondReachTest extends ChildProcessFixture {
    @Test
    void aStartWhoseCommandExitedNamesWhatNowHoldsThePort() throws Exception {
        TestModels.Builder model = TestModels.model("daemonized");
        String server = "( setsid env -i " + DemoUpstreamCommand.shellLine("--port", Integer.toString(model.port()),
                "--model", "daemonized") + " & )";
        String untilListening = "until (exec 3<>/dev/tcp/127.0.0.1/" + model.port() + ") 2>/dev/null; do sleep 0.05; done";
        ChildProcess process = process(model.cmd(List.of("bash", "-c", server + "; " + untilListening + "; exit 0")).build());
        CompletableFuture<Void> ready = process.ensureReady();
        try {
            String message = failure(ready, StartFailedException.class).getMessage();

            long holder = leftOn(model.port()).orElseThrow();
            assertTrue(message.contains("exited with code 0 during start"), message);
            assertTrue(message.contains("pid " + holder + " ("), message);
            assertTrue(message.contains("now listens on port " + model.port() + ", left running"), message);
        } finally {
            leftOn(model.port()).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static Optional<Long> leftOn(int port) {
        return ProcFs.listenerOn(port, PortCheck.reachedAt(URI.create("http://127.0.0.1:" + port)))
                .map(ProcFs.Listener::pid);
    }
}
