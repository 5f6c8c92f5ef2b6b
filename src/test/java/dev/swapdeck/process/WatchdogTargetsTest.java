package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.testing.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the watchdog kills when the JVM is gone, and that it runs before anything it must kill. */
class WatchdogTargetsTest {
    private static final ProxyLog QUIET = (level, model, message) -> { };
    /** A run no process is marked by: the watchdog's sweep for marked processes must not reach this JVM's. */
    private static final String UNMARKED_RUN = "watchdog-targets-test";

    /**
     * A pid guarded with its start time is killed only while it is that process: a server that died
     * while its model ran stayed guarded, and its pid, reused by another program, was killed.
     */
    @Test
    void aPidGuardedWithItsStartTimeIsKilledOnlyWhileItIsThatProcess() throws Exception {
        Process same = new ProcessBuilder("sleep", "30").start();
        Process reused = new ProcessBuilder("sleep", "30").start();
        Process watched = quiet();
        Watchdog watchdog = Watchdog.start(Optional.empty(), UNMARKED_RUN);
        try {
            long ticks = ProcFs.stat(same.pid()).orElseThrow().startTicks();
            watchdog.guard(same.pid() + "@" + ticks, "");
            watchdog.guard(reused.pid() + "@" + (ProcFs.stat(reused.pid()).orElseThrow().startTicks() + 1), "");
            watchdog.guard(Long.toString(watched.pid()), "");
            watchdog.release(Long.toString(watched.pid()));
            watchdog.process().getOutputStream().close(); // as the kernel closes it when the JVM dies
            assertTrue(same.waitFor(5, TimeUnit.SECONDS), "the process guarded, started when it said");
            assertTrue(watchdog.process().waitFor(5, TimeUnit.SECONDS), "the watchdog is done");
            assertTrue(reused.isAlive(), "another process under a pid once guarded");
            assertTrue(watched.isAlive(), "a pid released");
        } finally {
            List.of(same, reused, watched, watchdog.process()).forEach(Process::destroyForcibly);
        }
    }

    /** A group and a pid of the same number are two targets: the pid's start time kept the group alive. */
    @Test
    void aGroupIsKilledWhateverIsKnownOfAPidWithItsNumber() throws Exception {
        Process leader = new ProcessBuilder("setsid", "sleep", "30").start();
        Watchdog watchdog = Watchdog.start(Optional.empty(), UNMARKED_RUN);
        try {
            ProcFs.Stat stat = ProcFs.stat(leader.pid()).orElseThrow();
            assertEquals(leader.pid(), stat.pgid(), "it leads its own group");
            watchdog.guard(leader.pid() + "@" + (stat.startTicks() + 1), ""); // an earlier server's, under this pid
            watchdog.guard("-" + leader.pid(), "");
            watchdog.process().getOutputStream().close();
            assertTrue(leader.waitFor(5, TimeUnit.SECONDS), "the group guarded is killed");
        } finally {
            List.of(leader, watchdog.process()).forEach(Process::destroyForcibly);
        }
    }

    /**
     * PR_SET_PDEATHSIG reaches only the model process: a JVM killed between the first spawn and the
     * watchdog's start left the model's descendants running. The watchdog starts before it.
     */
    @Test
    void theWatchdogRunsBeforeTheFirstModelProcessIsSpawned() throws Exception {
        String mark = ProcessMarks.next("first");
        List<List<Long>> markedAtWatchdogStart = new CopyOnWriteArrayList<>();
        List<Process> watchdogs = new CopyOnWriteArrayList<>();
        Lifeline lifeline = new Lifeline((setsid, run) -> {
            markedAtWatchdogStart.add(ProcessMarks.carrying(mark));
            Process process = quiet();
            watchdogs.add(process);
            return new Watchdog(process);
        });
        Lifeline.Spawned model = null;
        try {
            model = lifeline.spawn(new ProcessBuilder(), List.of("sleep", "30"), WatchdogStop.NONE, mark, QUIET);
            long pid = model.pid();
            // its environment is readable once its chain of execs (setpriv, env, setsid) has run
            Await.until("the model carries its mark", Duration.ofSeconds(5), () -> ProcessMarks.carrying(mark).equals(List.of(pid)));
            assertEquals(List.of(List.of()), markedAtWatchdogStart, "one watchdog, started before the model");
        } finally {
            if (model != null) {
                model.process().destroyForcibly().waitFor();
                lifeline.release(model); // else the watchdog's end would start another, to guard it
            }
            watchdogs.forEach(Process::destroyForcibly);
        }
    }

    /** A stand-in watchdog: reads what it is told, and ends with its input. */
    private static Process quiet() throws IOException {
        return new ProcessBuilder("cat").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
