package dev.swapdeck.ui.editor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Saves a configuration file so that no reader ever sees half of it: the text goes to a temporary
 * file beside it, the current file is copied to {@code <name>.bak}, and the temporary file is moved
 * over the original in one atomic rename. A failure leaves the original untouched.
 * <p>
 * The saved file stays what it was to the rest of the system: it keeps its permissions (a temporary
 * file is created readable by its owner alone, which would have turned a shared file private), the
 * backup gets the same ones (a private file's old contents, API keys included, stay private), and a
 * symbolic link stays a link (configurations kept in a dotfiles repository are linked into
 * {@code ~/.config}): the file it points to is replaced, and the backup lies beside the link.
 */
final class ConfigFileWriter {
    private ConfigFileWriter() {
    }

    /** The backup {@link #save} keeps of the previous contents. */
    static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".bak");
    }

    static void save(Path file, String text) throws IOException {
        boolean exists = Files.exists(file);
        Path target = exists ? file.toRealPath() : file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            if (exists) {
                keepPermissions(target, tmp);
                Files.copy(target, backupOf(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
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
