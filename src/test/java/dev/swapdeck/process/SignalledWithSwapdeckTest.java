package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.testing.TestModels;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A service manager that stops a whole unit, or a machine shutting down, sends SIGTERM to Swapdeck and
 * its servers at once; a server may exit before Swapdeck has read its own signal. A start it cut short
 * is refused as a shutdown (503), not a failed start (502), and no crash is reported.
 */
class SignalledWithSwapdeckTest extends ChildProcessFixture {
    /** Well inside the owner's grace for a shutdown to follow an exit, long past the exit's report without one. */
    private static final long SWAPDECKS_SIGNAL_LATER_MILLIS = 20;

    @Test
    void aStartCutShortJustBeforeTheShutdownIsRefusedAsAShutdown() throws Exception {
        ChildProcess process = process(TestModels.model("loading").cmd(List.of("sleep", "300")).build());
        CompletableFuture<Void> ready = process.ensureReady();
        awaitSpawned(process);

        signalTogetherWithSwapdeck(process);

        failure(ready, ShuttingDownException.class);
        assertEndedWithTheShutdown(process);
        assertTrue(logs.proxyHistory().stream().noneMatch(line -> line.level() == LogLevel.ERROR), logs.proxyHistory().toString());
    }

    /** Either its exit or the shutdown's stop came first to the owner; it never passed through a crash. */
    private void assertEndedWithTheShutdown(ChildProcess process) {
        assertEquals(ProcessState.SHUTDOWN, process.state());
        assertTrue(moves().stream().noneMatch(move -> move.endsWith(">stopped")), moves().toString());
        assertTrue(process.info().lastError().isEmpty(), process.info().lastError().toString());
    }

    /** The server gets its SIGTERM and exits; Swapdeck's own shutdown comes a moment later. */
    private static void signalTogetherWithSwapdeck(ChildProcess process) throws Exception {
        ProcessHandle server = ProcessHandle.of(process.info().pid().orElseThrow()).orElseThrow();
        server.destroy();
        await(server.onExit());
        Thread.sleep(SWAPDECKS_SIGNAL_LATER_MILLIS);
        await(process.shutdown());
    }

    private static void awaitSpawned(ChildProcess process) throws InterruptedException {
        while (process.info().pid().isEmpty()) {
            Thread.sleep(5);
        }
    }
}
