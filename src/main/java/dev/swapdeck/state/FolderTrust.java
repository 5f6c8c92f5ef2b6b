package dev.swapdeck.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether only this user can write a folder. What the state folder holds decides which processes a
 * starting Swapdeck stops (SPEC §9), so a folder another user can write would let them have it stop
 * any process of this user's, or quote a file they cannot read into the log. The folder and every
 * folder above it must belong to this user or to root and be writable by no one else; above the
 * folder itself a sticky one (as {@code /tmp}) is fine, since only an entry's owner may rename it
 * there. Group write is fine where the group is the owner's own (a user private group, named as the
 * user). Checked where {@code /proc/self} says who this process is (Linux); elsewhere every folder
 * is trusted.
 */
final class FolderTrust {
    private static final Path SELF = Path.of("/proc/self");
    private static final int OTHERS_WRITE = 0002;
    private static final int GROUP_WRITE = 0020;
    private static final int STICKY = 01000;

    private FolderTrust() {
    }

    /** Why {@code dir} (made or not yet) cannot be trusted, with what to do about it; empty when it can. */
    static Optional<String> problem(Path dir) throws IOException {
        Optional<Integer> self = ownUid();
        if (self.isEmpty()) {
            return Optional.empty();
        }
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent(); // what is not made yet will be made by this user, for this user
        }
        if (existing == null) {
            return Optional.empty();
        }
        Path real = existing.toRealPath();
        boolean isTheFolder = existing.equals(dir.toAbsolutePath().normalize());
        // the folders the path goes through as given, not only where it leads: whoever may write one that
        // holds a link on the way could point the link elsewhere
        Set<Path> checked = new LinkedHashSet<>();
        for (Path given = existing; given != null; given = given.getParent()) {
            Optional<String> link = linkOfAnother(given, self.get());
            if (link.isPresent()) {
                return link;
            }
            for (Path folder = given.toRealPath(); folder != null && checked.add(folder); folder = folder.getParent()) {
                Optional<String> why = problemOf(folder, self.get(), isTheFolder && folder.equals(real));
                if (why.isPresent()) {
                    return why;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A link on the way that another user owns: in a sticky folder (as /tmp) its owner may point it
     * elsewhere, though no one else may rename it.
     */
    private static Optional<String> linkOfAnother(Path path, int self) throws IOException {
        if (!Files.isSymbolicLink(path)) {
            return Optional.empty();
        }
        int uid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return uid == self || uid == 0 ? Optional.empty() : Optional.of(path + " is a link of another user's (uid " + uid
                + "), who could point it at records that make Swapdeck stop processes of yours; name a folder of"
                + " your own with " + StateFolder.ENV_VARIABLE);
    }

    private static Optional<String> problemOf(Path folder, int self, boolean isTheFolder) throws IOException {
        int uid = (Integer) Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(folder, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if (uid != self && uid != 0) {
            return Optional.of(folder + " belongs to another user (uid " + uid + ", not " + self + "), who could put"
                    + " records there that make Swapdeck stop processes of yours; name a folder of your own with "
                    + StateFolder.ENV_VARIABLE);
        }
        boolean sticky = (mode & STICKY) != 0 && !isTheFolder;
        if (sticky) {
            return Optional.empty();
        }
        PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        boolean ownGroup = attributes.group().getName().equals(attributes.owner().getName());
        if ((mode & OTHERS_WRITE) != 0 || ((mode & GROUP_WRITE) != 0 && !ownGroup)) {
            String mask = String.format(Locale.ROOT, "%04o", mode & 07777);
            return Optional.of(folder + " is writable by other users (mode " + mask + "), who could put records there"
                    + " that make Swapdeck stop processes of yours; make it yours alone (chmod go-w " + folder
                    + ") or name another folder with " + StateFolder.ENV_VARIABLE);
        }
        return Optional.empty();
    }

    /** This process's user id, where {@code /proc} tells it. */
    static Optional<Integer> ownUid() {
        try {
            return Optional.of((Integer) Files.getAttribute(SELF, "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
