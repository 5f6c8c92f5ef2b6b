package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessFamilyTest {
    private static final long SELF = 10;
    private static final long SERVER = 100;
    private static final long STARTED = 5_000;

    private static ProcFs.Stat stat(long pid, long ppid, long pgid, long startTicks) {
        return new ProcFs.Stat(pid, 'S', ppid, pgid, startTicks);
    }

    /** A server that leads its group, a forked worker, its grandchild, a setsid escapee, strangers old and new. */
    private static final List<ProcFs.Stat> TABLE = List.of(
            stat(1, 0, 1, 0),
            stat(SELF, 1, SELF, 1_000),
            stat(SERVER, SELF, SERVER, STARTED),
            stat(101, SERVER, SERVER, STARTED + 1),
            stat(102, 101, 7_000, STARTED + 2),
            stat(103, 1, SERVER, STARTED + 3),
            stat(104, 1, 104, STARTED + 4),
            stat(50, 1, 50, 2_000),
            new ProcFs.Stat(105, 'Z', SERVER, SERVER, STARTED + 5));

    @Test
    void aLivingServersDescendantsAndGroupAreMembersAndOnlyYoungerStrangersAreReadForTheMark() {
        ProcessFamily family = ProcessFamily.of(TABLE, SERVER, STARTED, true, true, SELF);
        assertEquals(List.of(101L, 102L, 103L), family.members(), "descendants (any group), then the group; no zombie");
        assertEquals(List.of(104L), family.markCandidates(), "not init, not Swapdeck, not what is older than the server");
    }

    @Test
    void anExitedServersPidFindsNoDescendantsOnlyItsGroup() {
        ProcessFamily family = ProcessFamily.of(TABLE, SERVER, STARTED, false, true, SELF);
        assertEquals(List.of(101L, 103L), family.members());
        assertEquals(List.of(102L, 104L), family.markCandidates(), "the grandchild left the group: only its mark finds it");
    }

    @Test
    void aServerInSwapdecksGroupHasNoGroupOfItsOwnAndAnUnknownStartMakesEveryoneACandidate() {
        ProcessFamily family = ProcessFamily.of(TABLE, SERVER, 0, true, false, SELF);
        assertEquals(List.of(101L, 102L), family.members());
        assertEquals(List.of(1L, 103L, 104L, 50L), family.markCandidates());
    }
}
