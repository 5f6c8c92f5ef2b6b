package dev.swapdeck;

import dev.swapdeck.process.FileDescriptors;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The last way to tell a person who launched Swapdeck from the desktop menu why it could not start,
 * when JavaFX cannot show a window of its own (GTK 3 missing or broken): the desktop's own dialog
 * tools, the first of them found on {@code PATH}. SPEC §7: such a failure is never only on stderr.
 */
final class DesktopNotice {
    private DesktopNotice() {
    }

    /** Whether a desktop session is there to show anything on. */
    static boolean hasDisplay(Map<String, String> env) {
        return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }

    /**
     * Shows {@code title} and {@code detail} with the first of zenity, kdialog, xmessage and notify-send
     * on {@code PATH}, waiting until the person closes the dialog or {@code dismissed} completes (a
     * SIGTERM: the session ends), which closes it. False when there is no display or none of them
     * could show it.
     */
    static boolean show(String title, String detail, Map<String, String> env, CompletableFuture<Void> dismissed) {
        if (!hasDisplay(env)) {
            return false;
        }
        // zenity and kdialog exit 1 when their window is closed rather than confirmed; any other code
        // means the tool could not show anything (no display it can use, GTK broken for it too)
        List<Tool> tools = List.of(
                new Tool(1, "zenity", "--error", "--no-markup", "--title=" + title, "--text=" + detail),
                new Tool(1, "kdialog", "--title", title, "--error", detail),
                new Tool(0, "xmessage", "-center", "-buttons", "Close:0", title + "\n\n" + detail),
                new Tool(0, "notify-send", "--urgency=critical", title, detail));
        for (Tool tool : tools) {
            Optional<Path> program = onPath(tool.argv().get(0), env);
            if (program.isPresent() && tool.shown(program.get(), dismissed)) {
                return true;
            }
        }
        return false;
    }

    /** A dialog tool's command line, and the highest exit code that means it showed the message. */
    private record Tool(int highestShown, List<String> argv) {
        Tool(int highestShown, String... argv) {
            this(highestShown, List.of(argv));
        }

        boolean shown(Path program, CompletableFuture<Void> dismissed) {
            List<String> command = new ArrayList<>(argv);
            command.set(0, program.toString());
            try {
                FileDescriptors.ensureRoomToStart();
                Process dialog = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                CompletableFuture.anyOf(dialog.onExit(), dismissed).join();
                if (dialog.isAlive()) {
                    dialog.destroy(); // it was on screen until the signal
                    return true;
                }
                int code = dialog.exitValue();
                return code >= 0 && code <= highestShown;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private static Optional<Path> onPath(String name, Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
