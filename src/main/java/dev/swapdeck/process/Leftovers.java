package dev.swapdeck.process;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.security.Secrets;
import dev.swapdeck.state.StateFolder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * At start, stops the model processes that earlier Swapdecks recorded and left running (SPEC §9): a
 * record whose owner is no longer alive names children; each one still alive and still the same
 * process (same start time and command line) gets SIGTERM with its process group, then SIGKILL after
 * the grace; so do the survivors of a recorded group whose leader is already dead, and whatever still
 * carries one of that run's marks ({@link ProcessMarks}). Each is reported in the proxy log and,
 * together, as one {@link LeftoversStopped}.
 * Records of a Swapdeck that is still running are left alone.
 */
public final class Leftovers {
    private Leftovers() {
    }

    /** Blocks until what was found is gone (at most the grace and a little). */
    public static Optional<LeftoversStopped> reclaim(StateFolder folder, ProxyLog log, EventBus bus, Duration grace) {
        List<RecordedChild> found = new ArrayList<>();
        List<String> files;
        try {
            files = folder.names(ChildRecord.PREFIX);
        } catch (IOException e) {
            log.log(LogLevel.WARN, null, "could not read " + folder.dir() + ": " + e.getMessage());
            return Optional.empty();
        }
        String own = ChildRecord.ownFileName();
        List<String> reclaimed = new ArrayList<>();
        for (String file : files) {
            if (file.equals(own) || ownerAlive(file)) {
                continue;
            }
            try {
                Optional<String> text = folder.read(file);
                if (text.isPresent()) {
                    ChildRecord.parse(text.get()).stream().filter(Leftovers::stillThere).forEach(found::add);
                }
            } catch (IOException e) {
                log.log(LogLevel.WARN, null, "unreadable record " + folder.dir().resolve(file) + " (" + e.getMessage()
                        + "): only what still carries that run's mark is stopped");
            }
            // the file's name alone says which run it was: its marked processes are found without it
            marked(ChildRecord.ownerId(file), found).forEach(found::add);
            reclaimed.add(file);
        }
        if (found.isEmpty()) {
            forget(folder, reclaimed, log);
            return Optional.empty();
        }
        List<ProcessHandle> targets = new ArrayList<>();
        for (RecordedChild child : found) {
            List<Long> members = members(child);
            log.log(LogLevel.WARN, child.model(), "stopping model server " + child.model() + " left running by a Swapdeck"
                    + " that did not shut down cleanly: " + describe(child, members));
            members.forEach(pid -> ProcessHandle.of(pid).ifPresent(targets::add));
        }
        GroupSignals.terminate(targets, grace, log);
        // only now: a Swapdeck stopped during the grace leaves the records for the next one to finish
        forget(folder, reclaimed, log);
        LeftoversStopped event = new LeftoversStopped(List.copyOf(found), Instant.now());
        log.log(LogLevel.WARN, null, event.summary());
        bus.publish(event);
        return Optional.of(event);
    }

    private static void forget(StateFolder folder, List<String> files, ProxyLog log) {
        for (String file : files) {
            try {
                folder.delete(file);
            } catch (IOException e) {
                log.log(LogLevel.WARN, null, "could not delete " + folder.dir().resolve(file) + ": " + e.getMessage());
            }
        }
    }

    /**
     * The processes stopped for {@code child}, each with its command line: the recorded one and what
     * else runs in its group, or, when the recorded one (often a wrapper script) has exited, the
     * survivors of its group, so that the report names what is actually stopped.
     */
    private static String describe(RecordedChild child, List<Long> members) {
        String port = child.port() > 0 ? " on port " + child.port() : "";
        String recorded = "pid " + child.pid() + port + " (" + Secrets.commandText(child.command()) + ")";
        List<String> others = members.stream().filter(pid -> pid != child.pid())
                .map(pid -> pid + " (" + Secrets.commandText(ProcFs.commandLine(pid).orElse("?")) + ")").toList();
        if (!members.contains(child.pid())) {
            return String.join(", ", others) + ", left in the process group of " + recorded + ", which has exited";
        }
        return others.isEmpty() ? recorded : recorded + " and in its process group " + String.join(", ", others);
    }

    /**
     * What that run's model servers started that is still marked as theirs ({@link ProcessMarks}) and is
     * not one of {@code recorded}'s processes: a server a wrapper script ran with {@code setsid}, one that
     * daemonized. The mark was set by that run alone, so nothing else can carry it.
     */
    private static List<RecordedChild> marked(String run, List<RecordedChild> recorded) {
        List<RecordedChild> more = new ArrayList<>();
        ProcessMarks.ofRun(run).forEach((pid, mark) -> {
            boolean known = recorded.stream().anyMatch(child -> members(child).contains(pid));
            Optional<ProcFs.Stat> stat = ProcFs.stat(pid);
            if (!known && stat.isPresent() && !stat.get().gone()) {
                more.add(new RecordedChild(ProcessMarks.model(mark), pid, stat.get().startTicks(), stat.get().pgid(), 0,
                        ProcFs.commandLine(pid).orElse("?")));
            }
        });
        return more;
    }

    private static boolean ownerAlive(String file) {
        String[] parts = ChildRecord.ownerId(file).split("-");
        try {
            return parts.length == 2 && ProcFs.isSameLiving(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The recorded child itself, alive with the same start time and command line; or, once it is dead,
     * the survivors of the process group it led (a group's id is not handed out again while any member
     * lives, so they can only be its own descendants). A pid now used by another process never matches.
     */
    private static boolean stillThere(RecordedChild child) {
        if (ProcFs.isSameLiving(child.pid(), child.startTicks())) {
            return ProcFs.commandLine(child.pid()).map(child.command()::equals).orElse(false);
        }
        boolean leaderGone = ProcFs.stat(child.pid()).map(ProcFs.Stat::gone).orElse(true);
        return leaderGone && child.pgid() == child.pid() && !ProcFs.groupMembers(child.pgid()).isEmpty();
    }

    /** The child and, when it leads its own group, everything in that group. */
    private static List<Long> members(RecordedChild child) {
        List<Long> pids = new ArrayList<>();
        if (ProcFs.isSameLiving(child.pid(), child.startTicks())) {
            pids.add(child.pid());
        }
        if (child.pgid() == child.pid()) {
            ProcFs.groupMembers(child.pgid()).stream().filter(pid -> pid != child.pid()).forEach(pids::add);
        }
        return pids;
    }
}
