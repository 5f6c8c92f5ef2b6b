package dev.swapdeck.process;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.security.Secrets;
import dev.swapdeck.state.FileProblems;
import dev.swapdeck.state.StateFolder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * At start, stops the model processes that earlier Swapdecks recorded and left running (SPEC §9): a
 * record whose owner is no longer alive names children; each one still alive and still the same
 * process (same start time and command line) gets SIGTERM with its process group, then SIGKILL after
 * the grace; so does whatever still carries one of that run's marks ({@link ProcessMarks}), reported
 * with the recorded group it is in when its leader is already dead. Each is reported in the proxy log and,
 * together, as one {@link LeftoversStopped}.
 * Records of a Swapdeck that is still running are left alone.
 */
public final class Leftovers {
    private Leftovers() {
    }

    /** Blocks until what was found is gone (at most the grace and a little). */
    public static Optional<LeftoversStopped> reclaim(StateFolder folder, ProxyLog log, EventBus bus, Duration grace) {
        List<RecordedChild> found = new ArrayList<>();
        Set<Long> marked = new HashSet<>(); // what the dead runs marked: their children and descendants
        List<String> files;
        try {
            files = folder.names(ChildRecord.PREFIX);
        } catch (IOException e) {
            log.log(LogLevel.WARN, null, "could not read " + folder.dir() + ": " + FileProblems.why(folder.dir(), e));
            return Optional.empty();
        }
        String own = ChildRecord.ownFileName();
        List<String> reclaimed = new ArrayList<>();
        for (String file : files) {
            Optional<String> run = ChildRecord.ownerId(file);
            if (run.isEmpty()) {
                log.log(LogLevel.WARN, null, "ignoring " + folder.dir().resolve(file) + ": not a record Swapdeck wrote"
                        + " (those are named " + ChildRecord.PREFIX + "<pid>-<start>.json)");
                continue;
            }
            if (file.equals(own) || ownerAlive(run.get())) {
                continue;
            }
            Map<Long, String> runMarked = ProcessMarks.ofRun(run.get());
            marked.addAll(runMarked.keySet());
            try {
                Optional<String> text = folder.read(file);
                if (text.isPresent()) {
                    ChildRecord.parse(text.get()).stream().filter(child -> stillThere(child, marked)).forEach(found::add);
                }
            } catch (IOException e) {
                log.log(LogLevel.WARN, null, "unreadable record " + folder.dir().resolve(file) + " ("
                        + FileProblems.why(folder.dir().resolve(file), e)
                        + "): only what still carries that run's mark is stopped");
            }
            // the file's name alone says which run it was: its marked processes are found without it
            marked(runMarked, found, marked).forEach(found::add);
            reclaimed.add(file);
        }
        if (found.isEmpty()) {
            forget(folder, reclaimed, log);
            return Optional.empty();
        }
        List<ProcessHandle> targets = new ArrayList<>();
        List<RecordedChild> stopped = new ArrayList<>();
        Set<Long> named = new HashSet<>();
        // each process is named once: a server recorded on its own, alive, before the group of the dead
        // wrapper that ran it, which holds it too
        found.sort(Comparator.comparing(child -> !ProcFs.isSameLiving(child.pid(), child.startTicks())));
        for (RecordedChild child : found) {
            List<Long> members = members(child, marked).stream().filter(named::add).toList();
            if (members.isEmpty()) {
                continue;
            }
            log.log(LogLevel.WARN, child.model(), "stopping model server " + child.model() + " left running by a Swapdeck"
                    + " that did not shut down cleanly: " + describe(child, members));
            members.forEach(pid -> ProcessHandle.of(pid).ifPresent(targets::add));
            stopped.addAll(asStopped(child, members));
        }
        GroupSignals.terminate(targets, grace, log);
        // only now: a Swapdeck stopped during the grace leaves the records for the next one to finish
        forget(folder, reclaimed, log);
        LeftoversStopped event = new LeftoversStopped(List.copyOf(stopped), Instant.now());
        log.log(LogLevel.WARN, null, event.summary());
        bus.publish(event);
        return Optional.of(event);
    }

    private static void forget(StateFolder folder, List<String> files, ProxyLog log) {
        for (String file : files) {
            try {
                folder.delete(file);
            } catch (IOException e) {
                log.log(LogLevel.WARN, null, "could not delete " + folder.dir().resolve(file) + ": "
                        + FileProblems.why(folder.dir().resolve(file), e));
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
     * What the report names for {@code child}: the recorded process while it lives (what runs in its group
     * goes with it), else the survivors of its group, each as itself, not the dead process.
     */
    private static List<RecordedChild> asStopped(RecordedChild child, List<Long> members) {
        if (members.contains(child.pid())) {
            return List.of(child);
        }
        List<RecordedChild> survivors = new ArrayList<>();
        for (long pid : members) {
            ProcFs.stat(pid).ifPresent(stat -> survivors.add(new RecordedChild(child.model(), pid, stat.startTicks(),
                    stat.pgid(), 0, ProcFs.commandLine(pid).orElse("?"))));
        }
        return survivors;
    }

    /**
     * What that run's model servers started that is still marked as theirs ({@link ProcessMarks}) and is
     * not one of {@code recorded}'s processes: a server a wrapper script ran with {@code setsid}, one that
     * daemonized. The mark was set by that run alone, so nothing else can carry it.
     */
    private static List<RecordedChild> marked(Map<Long, String> runMarked, List<RecordedChild> recorded, Set<Long> marked) {
        List<RecordedChild> more = new ArrayList<>();
        runMarked.forEach((pid, mark) -> {
            boolean known = recorded.stream().anyMatch(child -> members(child, marked).contains(pid));
            Optional<ProcFs.Stat> stat = ProcFs.stat(pid);
            if (!known && stat.isPresent() && !stat.get().gone()) {
                more.add(new RecordedChild(ProcessMarks.model(mark), pid, stat.get().startTicks(), stat.get().pgid(), 0,
                        ProcFs.commandLine(pid).orElse("?")));
            }
        });
        return more;
    }

    private static boolean ownerAlive(String run) {
        String[] parts = run.split("-");
        try {
            return ProcFs.isSameLiving(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return false; // digits past a long: no process has that pid
        }
    }

    /**
     * The recorded child itself, alive with the same start time and command line; or, once it is dead,
     * the survivors of the process group it led that carry a dead run's mark. Unmarked members are not
     * its: after a crash the pid, and so the group id, may be reused by any daemon that forks, calls
     * setsid and forks again, whose group outlives its leader just the same.
     */
    private static boolean stillThere(RecordedChild child, Set<Long> marked) {
        if (ProcFs.isSameLiving(child.pid(), child.startTicks())) {
            return ProcFs.commandLine(child.pid()).map(child.command()::equals).orElse(false);
        }
        boolean leaderGone = ProcFs.stat(child.pid()).map(ProcFs.Stat::gone).orElse(true);
        return leaderGone && !members(child, marked).isEmpty();
    }

    /** The child and, when it leads its own group, what is in that group (only what is marked, once it is dead). */
    private static List<Long> members(RecordedChild child, Set<Long> marked) {
        List<Long> pids = new ArrayList<>();
        boolean alive = ProcFs.isSameLiving(child.pid(), child.startTicks());
        if (alive) {
            pids.add(child.pid());
        }
        if (child.pgid() == child.pid()) {
            ProcFs.groupMembers(child.pgid()).stream().filter(pid -> pid != child.pid())
                    .filter(pid -> alive || marked.contains(pid)).forEach(pids::add);
        }
        return pids;
    }
}
