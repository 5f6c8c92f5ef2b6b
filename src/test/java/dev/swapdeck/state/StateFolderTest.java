package dev.swapdeck.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFolderTest {

    @Test
    void explicitVariableWinsOverXdg() {
        StateFolder folder = StateFolder.from(Map.of("SWAPDECK_STATE_DIR", "/tmp/s", "XDG_STATE_HOME", "/x"));
        assertEquals(Path.of("/tmp/s"), folder.dir());
    }

    @Test
    void followsXdgWhenAbsoluteElseHome() {
        assertEquals(Path.of("/x/swapdeck"), StateFolder.from(Map.of("XDG_STATE_HOME", "/x")).dir());
        assertEquals(Path.of("/home/u/.local/state/swapdeck"),
                StateFolder.from(Map.of("XDG_STATE_HOME", "relative", "HOME", "/home/u")).dir());
    }

    @Test
    void writesReplaceAtomicallyAndLeaveNoTemporaryFiles(@TempDir Path dir) throws Exception {
        StateFolder folder = new StateFolder(dir.resolve("nested"));
        assertEquals(Optional.empty(), folder.read("children.json"));
        folder.write("children.json", "[1]");
        folder.write("children.json", "[2]");
        assertEquals(Optional.of("[2]"), folder.read("children.json"));
        try (var files = Files.list(dir.resolve("nested"))) {
            assertEquals(1, files.count());
        }
    }

    /** The XDG rule: what is made is made for its user alone, so no one else can put records there. */
    @Test
    void theFolderAndThoseAboveItThatAreMadeAreForThisUserAlone(@TempDir Path dir) throws Exception {
        StateFolder folder = new StateFolder(dir.resolve("state/swapdeck"));
        folder.write("load-times.json", "{}");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.dir())));
        assertEquals(Optional.empty(), folder.problem());
    }

    /**
     * A state folder another user can write could make Swapdeck stop their choice of this user's
     * processes (a record naming any pid with its start time) or quote a file they cannot read into
     * the log (a link named load-times.json): it is not used, and the reason says what to do.
     */
    @Test
    void aFolderOthersCanWriteIsNotTrustedAndTheReasonSaysWhatToDo(@TempDir Path dir) throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Optional<String> problem = new StateFolder(shared).problem();
        assertEquals(Optional.of(shared.toRealPath() + " is writable by other users (mode 0777), who could put records"
                + " there that make Swapdeck stop processes of yours; make it yours alone (chmod go-w " + shared.toRealPath()
                + ") or name another folder with SWAPDECK_STATE_DIR"), problem);
        assertTrue(new StateFolder(shared.resolve("not-made-yet")).problem().isPresent(),
                "a folder not made yet under one others can write: they could make it first");

        Files.setAttribute(shared, "unix:mode", 01777);
        assertTrue(new StateFolder(shared).problem().isPresent(), "sticky or not, others may add files to the folder itself");
        assertEquals(Optional.empty(), new StateFolder(shared.resolve("mine")).problem(),
                "under a sticky folder as /tmp, one not made yet is made by this user, and no one else may rename it");

        Files.setAttribute(shared, "unix:mode", 0755);
        assertEquals(Optional.empty(), new StateFolder(shared).problem());
    }

    /** A link in a folder others can write leads to a folder of this user's, but they could point it elsewhere. */
    @Test
    void aLinkInAFolderOthersCanWriteIsNotTrustedWhereverItLeads(@TempDir Path dir) throws Exception {
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path link = Files.createSymbolicLink(shared.resolve("link"), mine);
        Optional<String> problem = new StateFolder(link).problem();
        assertTrue(problem.orElse("").startsWith(shared.toRealPath() + " is writable by other users (mode 0777)"),
                problem.toString());
        assertTrue(new StateFolder(link.resolve("state")).problem().isPresent(), "a folder not made yet behind the link");
        assertEquals(Optional.empty(), new StateFolder(mine).problem(), "the folder itself, named without the link");
    }

    /** A link another user owns, in a sticky folder as /tmp: they cannot rename it, but they can point it elsewhere. */
    @Test
    void aLinkOfAnotherUsersIsNotTrusted(@TempDir Path dir) throws Exception {
        assumeTrue(FolderTrust.ownUid().equals(Optional.of(0)), "only root can give a link to another user");
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Path link = Files.createSymbolicLink(dir.resolve("theirs"), mine);
        Files.setAttribute(link, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        Optional<String> problem = new StateFolder(link).problem();
        assertTrue(problem.orElse("").startsWith(link + " is a link of another user's (uid 65534)"), problem.toString());
    }

    /** Root's folder under a user's home (sudo keeping HOME) is the user's to fill. Only root can give a folder away. */
    @Test
    void aFolderOfAnotherUserIsNotTrusted(@TempDir Path dir) throws Exception {
        assumeTrue(FolderTrust.ownUid().equals(Optional.of(0)), "only root can give a folder to another user");
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Files.setAttribute(theirs, "unix:uid", 65534);
        Optional<String> problem = new StateFolder(theirs.resolve("swapdeck")).problem();
        assertTrue(problem.orElse("").startsWith(theirs.toRealPath() + " belongs to another user (uid 65534, not 0)"),
                problem.toString());
    }
}
