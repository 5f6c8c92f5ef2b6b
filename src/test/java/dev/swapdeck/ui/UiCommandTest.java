package dev.swapdeck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The outcome of a background command, on the view's thread: settled first, then said, then handed on. */
class UiCommandTest {
    private final Notices notices = new Notices();
    private final List<String> seen = new ArrayList<>();

    @Test
    void aSuccessSettlesThenSaysSoAndHandsItsValueOn() {
        CompletableFuture<String> command = new CompletableFuture<>();
        CompletableFuture<String> done = UiCommand.report(command, Runnable::run, notices, "Loaded a", "Load a failed",
                () -> seen.add("settled while the notice still read '" + notices.messageProperty().get() + "'"));
        notices.post("Load b failed: exited");
        command.complete("value");
        assertEquals(List.of("settled while the notice still read 'Load b failed: exited'"), seen);
        assertEquals("Loaded a", notices.messageProperty().get(), "the older failure does not linger");
        assertEquals("value", done.join());
    }

    @Test
    void aFailureSaysWhyAndFailsTheReturnedFuture() {
        CompletableFuture<Void> command = new CompletableFuture<>();
        CompletableFuture<Void> done = UiCommand.report(command, Runnable::run, notices, "Loaded a", "Load a failed",
                () -> seen.add("settled"));
        command.completeExceptionally(new IllegalStateException("port 8081 is already in use"));
        assertEquals(List.of("settled"), seen);
        assertEquals("Load a failed: port 8081 is already in use", notices.messageProperty().get());
        assertTrue(done.isCompletedExceptionally());
    }
}
