package dev.swapdeck.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Swapdeck's state folder (SPEC §9): what one run leaves for the next (the record of its children,
 * learned footprints and load times). {@code $SWAPDECK_STATE_DIR} if set (tests and portable installs),
 * else {@code $XDG_STATE_HOME/swapdeck} when that is an absolute path (the XDG rule), else
 * {@code ~/.local/state/swapdeck}. Files in it are replaced atomically, so a crash mid-write leaves
 * the old content or the new, never a torn file. It is made for this user alone, and used only while
 * no one else can write it ({@link #problem}).
 */
public final class StateFolder {
    public static final String ENV_VARIABLE = "SWAPDECK_STATE_DIR";

    private final Path dir;

    public StateFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * The folder the environment names (normally {@code System.getenv()}); not created yet.
     *
     * @throws IllegalArgumentException when the variable that names it cannot name a file, saying why
     */
    public static StateFolder from(Map<String, String> env) {
        String explicit = env.get(ENV_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return new StateFolder(FileProblems.pathOf(explicit.strip(), ENV_VARIABLE));
        }
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            Path base = FileProblems.pathOf(xdg, "XDG_STATE_HOME");
            if (base.isAbsolute()) {
                return new StateFolder(base.resolve("swapdeck"));
            }
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return new StateFolder(FileProblems.pathOf(home, "HOME").resolve(Path.of(".local", "state", "swapdeck")));
    }

    public Path dir() {
        return dir;
    }

    /**
     * Why this folder cannot be trusted with what it decides ({@link FolderTrust}), saying what to do;
     * empty when only this user can write it, or when its folders cannot be looked at (then reading
     * and writing it fail too, each with a warning that says why, and nothing in it is acted on).
     */
    public Optional<String> problem() {
        try {
            return FolderTrust.problem(dir);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The content of {@code name}, or empty when it does not exist. */
    public Optional<String> read(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** Replaces {@code name} with {@code content} atomically (write a sibling, then rename over it). */
    public void write(String name, String content) throws IOException {
        createFolders();
        Path target = dir.resolve(name);
        Path temp = Files.createTempFile(dir, "." + name, ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Holds the lock file {@code name} of this folder ({@link FolderLock}), making the folder and the
     * file if missing; empty when another thread or process still held it after {@code patience}.
     * Blocks up to {@code patience}. The caller closes what it gets.
     */
    public Optional<FolderLock> lock(String name, Duration patience) throws IOException {
        createFolders();
        return FolderLock.acquire(dir.resolve(name), patience);
    }

    /** Makes the folder and those above it that are missing, for this user alone, as the XDG rules ask. */
    private void createFolders() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Names of the files in the folder that start with {@code prefix}, sorted; empty if it does not exist. */
    public List<String> names(String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().forEach(names::add);
        }
        return names;
    }

    /** Removes {@code name}; nothing happens if it does not exist. */
    public void delete(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
    }
}
