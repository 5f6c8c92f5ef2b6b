package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLine;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutputPumpTest {
    private static final int LINES = 20_000;

    @Test
    void aSettledPumpReadsAFloodInBatchesAndLosesNoLine() throws Exception {
        // a real child writing each line on its own: a shell loop of echo builtins
        Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt " + LINES + " ]; do echo \"line $i\"; i=$((i+1)); done")
                .redirectErrorStream(true).start();
        CountingStream pipe = new CountingStream(child.getInputStream());
        AtomicInteger lines = new AtomicInteger();
        long start = System.nanoTime();
        OutputPump pump = OutputPump.start("test-pump", pipe, "flood", new LogHub(new EventBus()), line -> lines.incrementAndGet());
        pump.settle();

        assertEquals(0, child.waitFor());
        assertTrue(pump.awaitOutput(Duration.ofSeconds(30)), "the pump reads to the end of the output");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(LINES, lines.get(), "every line arrives");
        List<String> tail = pump.tail().lines();
        assertEquals("line " + (LINES - 1), tail.get(tail.size() - 1), "in order, to the last");
        long paces = elapsedMillis / TimeUnit.NANOSECONDS.toMillis(OutputPump.PACE_NANOS);
        // a read per pace at most, whatever the machine's speed, where an unpaced pump wakes per line or so
        assertTrue(pipe.reads.get() <= paces + 10,
                pipe.reads.get() + " reads of " + LINES + " lines in " + elapsedMillis + " ms");
    }

    @Test
    void aProgressBarFromARealChildKeepsOneLineInTheModelsHistoryAndWhatCameBefore() throws Exception {
        // a tqdm-style bar: 300 redraws 5 ms apart, each opening with \r, then its last state and a newline
        String bar = "echo 'loading config'; i=0; while [ $i -lt 300 ]; do printf '\\rdownloading %d/300' $i; sleep 0.005;"
                + " i=$((i+1)); done; printf '\\rdownloading 300/300\\n'; echo 'model loaded'";
        long start = System.nanoTime();
        Process child = new ProcessBuilder("sh", "-c", bar).redirectErrorStream(true).start();
        LogHub logs = new LogHub(new EventBus());
        List<String> passedOn = new CopyOnWriteArrayList<>();
        OutputPump pump = OutputPump.start("test-pump", child.getInputStream(), "dl", logs, passedOn::add);
        assertEquals(0, child.waitFor());
        assertTrue(pump.awaitOutput(Duration.ofSeconds(30)));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        List<String> history = logs.modelHistory("dl").stream().map(LogLine::text).toList();
        assertEquals("loading config", history.get(0));
        assertEquals(List.of("downloading 300/300", "model loaded"), history.subList(history.size() - 2, history.size()));
        assertTrue(history.size() <= 4, "one frame at most between them: " + history);
        // 300 redraws over more than a second: the first passed on, then one a second; three plain lines
        assertTrue(passedOn.size() >= 5 && passedOn.size() <= 3 + 1 + seconds + 1,
                passedOn.size() + " lines in " + seconds + " s: " + passedOn);
    }

    /** A bar that stops redrawing while its child runs on, quiet: its latest state is shown, not one a second older. */
    @Test
    void aBarThatStopsWhileItsChildRunsOnShowsItsLatestState() throws Exception {
        Process child = new ProcessBuilder("sh", "-c", "for p in 0 10 20 30; do printf 'download %d%%\\r' $p; sleep 0.05; done;"
                + " exec sleep 30").redirectErrorStream(true).start();
        try {
            LogHub logs = new LogHub(new EventBus());
            OutputPump.start("test-pump", child.getInputStream(), "dl", logs, line -> { });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<String> history = List.of();
            while (!history.contains("download 30%") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                history = logs.modelHistory("dl").stream().map(LogLine::text).toList();
            }
            assertTrue(history.contains("download 30%"), "the bar's latest state, while its child runs: " + history);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    /** A server that dies mid-bar: its exit report quotes the bar's last state, read at once. */
    @Test
    void aBarsLastFrameIsReadAtOnceWhenItsChildExits() throws Exception {
        Process child = new ProcessBuilder("sh", "-c", "printf 'loading 10%%\\r'; sleep 0.05; printf 'loading 50%%\\r';"
                + " sleep 0.05; printf 'loading 87%%\\r'; exit 3").redirectErrorStream(true).start();
        OutputPump pump = OutputPump.start("test-pump", child.getInputStream(), "dying", new LogHub(new EventBus()), line -> { });
        assertEquals(3, child.waitFor());
        assertTrue(pump.awaitOutput(Duration.ofMillis(300)), "the output's end read within the exit's wait");
        List<String> tail = pump.tail().lines();
        assertEquals("loading 87%", tail.get(tail.size() - 1), tail.toString());
    }

    @Test
    void aDescendantHoldingThePipeOpenDoesNotHoldUpTheExitedChildsLastLines() throws Exception {
        // the child's background sleep inherits its stdout and keeps the pipe open after the child
        // exits; the pump waits in a read when it does (the JDK then leaves the pipe to it)
        Process child = new ProcessBuilder("sh", "-c", "sleep 60 & echo $!; echo 'last words'; sleep 0.3; exit 3")
                .redirectErrorStream(true).start();
        OutputPump pump = OutputPump.start("test-pump", child.getInputStream(), "crashing", new LogHub(new EventBus()), line -> { });
        assertEquals(3, child.waitFor());
        assertTrue(pump.awaitOutput(Duration.ofSeconds(30)), "what the child wrote is read");
        ProcessHandle holder = ProcessHandle.of(Long.parseLong(pump.tail().lines().get(0))).orElseThrow();
        try {
            assertTrue(holder.isAlive(), "returned while the sleep still holds the pipe open");
            assertEquals("last words", pump.tail().lines().get(1));
        } finally {
            holder.destroy();
        }
    }

    /** Counts the reads that reached the pipe. */
    private static final class CountingStream extends FilterInputStream {
        final AtomicInteger reads = new AtomicInteger();

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            reads.incrementAndGet();
            return super.read(buffer, offset, length);
        }
    }
}
