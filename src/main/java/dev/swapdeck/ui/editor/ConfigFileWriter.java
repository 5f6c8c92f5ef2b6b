package dev.swapdeck.ui.editor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;

/**
 * Saves a configuration file so that no reader ever sees half of it: the text goes to a temporary
 * file beside it, the current file is copied to {@code <name>.bak}, and the temporary file is moved
 * over the original in one atomic rename. A failure leaves the original untouched.
 * <p>
 * The saved file stays what it was to the rest of the system: it keeps its permissions (a temporary
 * file made by {@link Files#createTempFile} is readable by its owner alone, which would have turned a
 * shared file private), the backup gets the same ones (a private file's old contents, API keys included, stay private), and a
 * symbolic link stays a link (configurations kept in a dotfiles repository are linked into
 * {@code ~/.config}): the file it points to is replaced, and the backup lies beside the link. A file
 * that is not there (deleted while open, or a link's target) is written anew with the permissions the
 * user's umask gives a new file, and no backup is made.
 * <p>
 * A caller that knows what the file held can have that checked on the backup, the copy made just
 * before the rename: a program that wrote the file after the caller last looked, even during the
 * save, then keeps its version ({@link ChangedMeanwhile}). Only a write in the instant between that
 * check and the rename escapes it; POSIX offers no lock every other program would heed.
 */
final class ConfigFileWriter {
    /** As Linux's own limit on a path's links (ELOOP). */
    private static final int MAX_LINKS = 40;

    private ConfigFileWriter() {
    }

    /** The backup {@link #save} keeps of the previous contents. */
    static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".bak");
    }

    /** What the file held just before a save, checked on its backup copy; may throw when it cannot be read. */
    @FunctionalInterface
    interface Previous {
        boolean asExpected(Path backup) throws IOException;
    }

    /** The file did not hold what the caller expected (another program wrote it): it was left as it was. */
    static final class ChangedMeanwhile extends IOException {
        ChangedMeanwhile(Path file) {
            super(file + " was changed by another program during the save");
        }
    }

    /** Writes {@code text} to {@code file}; true if the previous contents were kept as {@link #backupOf}. */
    static boolean save(Path file, String text) throws IOException {
        return save(file, text, backup -> true);
    }

    /**
     * As {@link #save(Path, String)}, once {@code previous} accepts what the file held; else throws
     * {@link ChangedMeanwhile}, the file untouched (the backup then holds the other program's version).
     */
    static boolean save(Path file, String text, Previous previous) throws IOException {
        boolean exists = Files.exists(file);
        Path target = exists ? file.toRealPath() : linkedTarget(file.toAbsolutePath());
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // over a file: private until it has the file's permissions (it may hold keys); else as any new file
        // is made, the umask deciding who may read it
        Path tmp = exists ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp")
                : Files.createFile(dir.resolve("." + target.getFileName() + UUID.randomUUID() + ".tmp"));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            if (exists) {
                keepPermissions(target, tmp);
                Files.copy(target, backupOf(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                if (!asExpected(previous, backupOf(file))) {
                    throw new ChangedMeanwhile(file);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return exists;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean asExpected(Previous previous, Path backup) {
        try {
            return previous.asExpected(backup);
        } catch (IOException e) {
            return false; // not readable as text any more: not what was read before
        }
    }

    /**
     * Where a file not there is written: the end of its chain of links (one whose target is missing stays
     * a link), each resolved from the folder it really is in, as the kernel resolves its {@code ..}.
     */
    private static Path linkedTarget(Path file) throws IOException {
        Path target = file;
        for (int hops = 0; Files.isSymbolicLink(target); hops++) {
            if (hops == MAX_LINKS) {
                throw new IOException("too many levels of symbolic links: " + file);
            }
            target = target.getParent().toRealPath().resolve(Files.readSymbolicLink(target));
        }
        return target;
    }

    /** Gives {@code copy} the POSIX permissions of {@code original}, where the file system has them. */
    private static void keepPermissions(Path original, Path copy) throws IOException {
        PosixFileAttributeView from = Files.getFileAttributeView(original, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(copy, PosixFileAttributeView.class);
        if (from != null && to != null) {
            to.setPermissions(from.readAttributes().permissions());
        }
    }
}
