package dev.swapdeck.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * "Run in the background, then update the view", written once: a command's outcome is handed to the
 * FX thread, where {@code settled} runs first (a button re-enabled, a busy mark cleared), then the
 * status bar says how it went (a success briefly, a failure until the next notice, so an old failure
 * never lingers beside a later success; {@link StandingFailures} withdraws one that no longer holds).
 * The returned future completes there, after the notice.
 */
public final class UiCommand {
    private UiCommand() {
    }

    /** {@code failure} is followed by {@code ": "} and why, as {@link Notices#describe} words it. */
    public static <T> CompletableFuture<T> report(CompletableFuture<T> command, Executor fx, Notices notices,
                                                  String success, String failure, Runnable settled) {
        CompletableFuture<T> done = new CompletableFuture<>();
        command.whenComplete((value, error) -> fx.execute(() -> {
            settled.run();
            if (error != null) {
                notices.post(failureNotice(failure, error));
                done.completeExceptionally(error);
            } else {
                notices.postBriefly(success);
                done.complete(value);
            }
        }));
        return done;
    }

    /** The notice {@link #report} posts when its command fails with {@code error}. */
    public static String failureNotice(String failure, Throwable error) {
        return failure + ": " + Notices.describe(error);
    }
}
