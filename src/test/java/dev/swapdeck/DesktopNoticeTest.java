package dev.swapdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When JavaFX cannot show a window, a failure to start goes to the desktop's own dialog tools. */
class DesktopNoticeTest {
    /** No signal comes: the dialog stays until the person closes it. */
    private static final CompletableFuture<Void> NEVER = new CompletableFuture<>();

    @TempDir
    Path dir;

    /** A stand-in for a dialog tool: writes its arguments, one per line, and exits with {@code code}. */
    private void tool(String name, int code) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > " + dir.resolve(name + ".args")
                + "\nexit " + code + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> argsOf(String name) throws Exception {
        return Files.readAllLines(dir.resolve(name + ".args"));
    }

    @Test
    void theFirstToolOnThePathThatShowsItIsUsed() throws Exception {
        tool("zenity", 255); // GTK broken for it too: it cannot open its window
        tool("xmessage", 0);
        tool("notify-send", 0);

        assertTrue(DesktopNotice.show("Swapdeck could not start", "bad config", Map.of("DISPLAY", ":0", "PATH", dir.toString()), NEVER));

        assertEquals(List.of("-center", "-buttons", "Close:0", "Swapdeck could not start", "", "bad config"), argsOf("xmessage"));
        assertFalse(Files.exists(dir.resolve("notify-send.args")), "one notice, not one per tool");
    }

    @Test
    void zenityClosedByItsWindowCountsAsShown() throws Exception {
        tool("zenity", 1);
        assertTrue(DesktopNotice.show("T", "<b>not markup</b>", Map.of("WAYLAND_DISPLAY", "wayland-0", "PATH", dir.toString()), NEVER));
        assertEquals(List.of("--error", "--no-markup", "--title=T", "--text=<b>not markup</b>"), argsOf("zenity"));
    }

    /** A SIGTERM (the session ending) closes the dialog at once; it was shown. */
    @Test
    void aDialogIsClosedWhenDismissed() throws Exception {
        Path script = dir.resolve("zenity");
        Files.writeString(script, "#!/bin/sh\necho $$ > " + dir.resolve("zenity.pid") + "\nexec sleep 60\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        CompletableFuture<Void> dismissed = new CompletableFuture<>();
        CompletableFuture<Boolean> shown = CompletableFuture.supplyAsync(() ->
                DesktopNotice.show("T", "D", Map.of("DISPLAY", ":0", "PATH", dir.toString()), dismissed));
        // the shell creates the file before its echo writes the pid into it
        Await.until("the dialog on screen", Duration.ofSeconds(10), () -> pidWritten(dir.resolve("zenity.pid")));
        assertFalse(shown.isDone(), "it waits for the person");

        dismissed.complete(null);
        assertTrue(shown.get(10, TimeUnit.SECONDS));
        long pid = Long.parseLong(Files.readString(dir.resolve("zenity.pid")).strip());
        Await.until("the dialog closed", Duration.ofSeconds(10),
                () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    private static boolean pidWritten(Path file) {
        try {
            return Files.exists(file) && Files.readString(file).endsWith("\n");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void withoutADisplayOrAToolNothingIsShown() throws Exception {
        tool("notify-send", 0);
        assertFalse(DesktopNotice.show("T", "D", Map.of("PATH", dir.toString()), NEVER));
        assertFalse(Files.exists(dir.resolve("notify-send.args")));
        assertFalse(DesktopNotice.show("T", "D", Map.of("DISPLAY", ":0", "PATH", dir.resolve("empty").toString()), NEVER));
    }

    @Test
    void aWindowThatCannotOpenSaysWhatToFixTheToolkitOrTheDisplay() {
        assertTrue(WindowThread.advice("no GTK", Map.of("DISPLAY", ":0")).contains("needs GTK 3"));
        assertTrue(WindowThread.advice("Unable to open DISPLAY", Map.of()).contains("--headless on a machine without a display"));
        // DISPLAY set to a display that is not there (a closed X server, ssh without forwarding): not GTK's fault
        assertEquals(" (no display answers at DISPLAY=:99: check it, or use --headless to run without a window)",
                WindowThread.advice("Unable to open DISPLAY", Map.of("DISPLAY", ":99")));
        // Wayland without XWayland: GTK as JavaFX uses it needs X11
        assertTrue(WindowThread.advice("Unable to open DISPLAY", Map.of("WAYLAND_DISPLAY", "wayland-0"))
                .contains("needs X11 or XWayland, and DISPLAY is not set"));
    }
}
