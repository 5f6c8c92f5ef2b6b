package dev.swapdeck.ui;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The failure notices of commands, kept by what they were about (a model's Load, a profile's Load),
 * so that each is withdrawn once what it reported no longer holds: a Load failed, then the model
 * started after all (from the API, a request, another Load). A notice another one replaced since is
 * left alone. FX thread only.
 */
public final class StandingFailures {
    private final Notices notices;
    private final Map<String, String> shown = new HashMap<>();

    public StandingFailures(Notices notices) {
        this.notices = notices;
    }

    /**
     * Remembers the notice {@code reported} (from {@link UiCommand#report} with {@code failure}) posts
     * if it fails, under {@code about}; returns {@code reported}.
     */
    public <T> CompletableFuture<T> track(String about, String failure, CompletableFuture<T> reported) {
        reported.whenComplete((value, error) -> {
            if (error != null) {
                shown.put(about, UiCommand.failureNotice(failure, error));
            } else {
                shown.remove(about);
            }
        });
        return reported;
    }

    /** What the failure about {@code about} reported no longer holds: its notice goes, if still shown. */
    public void resolved(String about) {
        String text = shown.remove(about);
        if (text != null) {
            notices.withdraw(text);
        }
    }
}
