package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.ProxyLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the watchdog kills when the JVM is gone, and that it runs before anything it must kill. */
class WatchdogTargetsTest {
    private static final ProxyLog QUIET = (level, model, message) -> { };

    /**
     * A pid guarded with its start time is killed only while it is that process: a server that died
     * while its model ran stayed guarded, and its pid, reused by another program, was killed.
     */
    @Test
    void aPidGuardedWithItsStartTimeIsKilledOnlyWhileItIsThatProcess() throws Exception {
        Process same = new ProcessBuilder("sleep", "30").start();
        Process reused = new ProcessBuilder("sleep", "30").start();
        Process watched = new ProcessBuilder("/bin/sh", "-c", "cat > /dev/null").start();
        Watchdog watchdog = Watchdog.start(Optional.empty(), ProcessMarks.run());
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

    /**
     * PR_SET_PDEATHSIG reaches only the model process: a JVM killed between the first spawn and the
     * watchdog's start left the model's descendants running. The watchdog starts before it.
     */
    @Test
    void theWatchdogRunsBeforeTheFirstModelProcessIsSpawned() throws Exception {
        String mark = ProcessMarks.next("first");
        List<List<Long>> markedAtWatchdogStart = new ArrayList<>();
        List<Process> watchdogs = new ArrayList<>();
        Lifeline lifeline = new Lifeline((setsid, run) -> {
            markedAtWatchdogStart.add(ProcessMarks.carrying(mark));
            Process process = new ProcessBuilder("/bin/sh", "-c", "cat > /dev/null").start();
            watchdogs.add(process);
            return new Watchdog(process);
        });
        Lifeline.Spawned model = null;
        try {
            model = lifeline.spawn(new ProcessBuilder(), List.of("sleep", "30"), WatchdogStop.NONE, mark, QUIET);
            assertEquals(List.of(model.pid()), ProcessMarks.carrying(mark), "the model carries its mark");
            assertEquals(List.of(List.of()), markedAtWatchdogStart, "one watchdog, started before the model");
        } finally {
            if (model != null) {
                model.process().destroyForcibly();
            }
            watchdogs.forEach(Process::destroyForcibly);
        }
    }
}
