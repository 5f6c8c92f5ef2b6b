package dev.swapdeck.ui;

import static dev.swapdeck.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The bridge on the real FX pulses: an idle window stops pulsing, an event wakes it at once, and the
 * once-a-second refresh that drives the countdowns goes on while it sleeps.
 */
class FxEventBridgeSleepTest {
    private final EventBus bus = new EventBus();
    private final LogHub logs = new LogHub(bus);
    private final List<LogLine> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final FxEventBridge bridge = new FxEventBridge(bus, new FxEventBridge.Sink() {
        @Override
        public void refreshState() {
            refreshes.incrementAndGet();
        }

        @Override
        public void logs(List<LogLine> proxy, List<LogLine> upstream, long proxyDropped, long upstreamDropped) {
            delivered.addAll(upstream);
        }

        @Override
        public void activity(List<ActivityRecord> records) {
        }
    });

    @BeforeEach
    void startPulses() throws Exception {
        FxToolkit.registerPrimaryStage();
        fx(() -> {
            bridge.start();
            return null;
        });
    }

    @AfterEach
    void stop() {
        fx(() -> {
            bridge.close();
            return null;
        });
    }

    @Test
    void anIdleBridgeSleepsAndAnEventWakesIt() throws Exception {
        awaitSleep();

        logs.upstream("alpha", "a line for a sleeping window");

        WaitForAsyncUtils.waitFor(2, TimeUnit.SECONDS, () -> delivered.size() == 1);
        assertEquals("a line for a sleeping window", delivered.get(0).text());
        awaitSleep();
    }

    @Test
    void theCountdownsAreRefreshedEverySecondWhileItSleeps() throws Exception {
        awaitSleep();
        int before = refreshes.get();

        Thread.sleep(3_200);

        assertTrue(refreshes.get() - before >= 2, "refreshed " + (refreshes.get() - before) + " times in 3.2 s");
        awaitSleep();
    }

    private void awaitSleep() throws Exception {
        WaitForAsyncUtils.waitFor(2, TimeUnit.SECONDS, bridge::sleeping);
    }
}
