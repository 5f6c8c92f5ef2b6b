package dev.swapdeck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.routing.InFlightChanged;
import dev.swapdeck.ui.activity.ActivityRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bridge with the real bus and log hub, pumped by hand instead of by FX pulses. */
class FxEventBridgeTest {
    private final EventBus bus = new EventBus();
    private final LogHub logs = new LogHub(bus);
    private final List<List<LogLine>> proxyBatches = new ArrayList<>();
    private final List<List<LogLine>> upstreamBatches = new ArrayList<>();
    /** Per delivery: the proxy lines and the upstream lines dropped. */
    private final List<List<Long>> drops = new ArrayList<>();
    private final List<List<ActivityRecord>> activityBatches = new ArrayList<>();
    private int refreshes;
    private final FxEventBridge bridge = new FxEventBridge(bus, new FxEventBridge.Sink() {
        @Override
        public void refreshState() {
            refreshes++;
        }

        @Override
        public void logs(List<LogLine> proxy, List<LogLine> upstream, long proxyDropped, long upstreamDropped) {
            proxyBatches.add(proxy);
            upstreamBatches.add(upstream);
            drops.add(List.of(proxyDropped, upstreamDropped));
        }

        @Override
        public void activity(List<ActivityRecord> records) {
            activityBatches.add(records);
        }
    });

    @Test
    void oneBatchPerStreamAndOneRefreshPerPulse() {
        bridge.pump(0);
        refreshes = 0;
        for (int i = 0; i < 1000; i++) {
            logs.upstream("alpha", "token " + i);
            bus.publish(new InFlightChanged("alpha", i, Instant.now()));
        }
        logs.info("proxy line");
        bus.publish(new StateChanged("alpha", ProcessState.STARTING, ProcessState.READY, Instant.now(), "healthy"));

        bridge.pump(1);
        assertEquals(1, refreshes, "state refreshes are coalesced");
        assertEquals(1, upstreamBatches.size());
        assertEquals(1000, upstreamBatches.get(0).size());
        assertEquals("token 999", upstreamBatches.get(0).get(999).text());
        assertEquals(List.of("proxy line"), proxyBatches.get(0).stream().map(LogLine::text).toList());

        bridge.pump(2);
        assertEquals(1, refreshes, "a quiet pulse does nothing");
        assertEquals(1, upstreamBatches.size());
    }

    @Test
    void underSustainedOutputLinesGoOutTenTimesASecondAndNoneIsLost() {
        bridge.pump(0);
        logs.upstream("alpha", "first");
        bridge.pump(ms(1));
        assertEquals(1, upstreamBatches.size(), "after a quiet spell the first line goes out at once");
        logs.upstream("alpha", "second");
        bridge.pump(ms(50));
        logs.upstream("alpha", "third");
        bridge.pump(ms(100));
        assertEquals(1, upstreamBatches.size(), "held until a tenth of a second has passed");
        bridge.pump(ms(101));
        assertEquals(List.of("second", "third"), upstreamBatches.get(1).stream().map(LogLine::text).toList());
    }

    @Test
    void afterAFloodBatchTheNextWaitsAQuarterOfASecond() {
        bridge.pump(0);
        for (int i = 0; i < FxEventBridge.FLOOD_LINES; i++) {
            logs.upstream("chatty", "line " + i);
        }
        bridge.pump(ms(1));
        logs.upstream("chatty", "after the flood");
        bridge.pump(ms(150));
        assertEquals(1, upstreamBatches.size(), "a flood's next batch is held longer");
        bridge.pump(ms(251));
        assertEquals(2, upstreamBatches.size());
        logs.upstream("chatty", "quiet again");
        bridge.pump(ms(352));
        assertEquals(3, upstreamBatches.size(), "a small batch brings the tenth of a second back");
    }

    @Test
    void inFlightCountsAloneRefreshFourTimesASecondAndStateChangesAtOnce() {
        bridge.pump(0);
        refreshes = 0;
        bus.publish(new InFlightChanged("alpha", 1, Instant.now()));
        bridge.pump(ms(100));
        assertEquals(0, refreshes);
        bus.publish(new InFlightChanged("alpha", 2, Instant.now()));
        bridge.pump(ms(250));
        assertEquals(1, refreshes, "the in-flight counts changed a quarter of a second ago");
        bus.publish(new StateChanged("alpha", ProcessState.STARTING, ProcessState.READY, Instant.now(), "healthy"));
        bridge.pump(ms(260));
        assertEquals(2, refreshes, "a state change is not held");
    }

    @Test
    void onePulseDeliversLogsOrRequestsNeverBoth() {
        bridge.pump(0);
        logs.upstream("alpha", "token");
        bus.publish(ActivityRecords.ended(1, "alpha", 200, 40.0));
        bridge.pump(ms(1));
        assertEquals(1, upstreamBatches.size());
        assertEquals(0, activityBatches.size());
        bridge.pump(ms(2));
        assertEquals(1, activityBatches.size());
    }

    @Test
    void endedRequestsArriveAsOneBatchPerPulseWithoutAStateRefresh() {
        bridge.pump(0);
        refreshes = 0;
        for (int i = 1; i <= 300; i++) {
            bus.publish(ActivityRecords.ended(i, "alpha", 200, 40.0));
        }
        bridge.pump(1);
        assertEquals(1, activityBatches.size());
        assertEquals(300, activityBatches.get(0).size());
        assertEquals(300, activityBatches.get(0).get(299).seq());
        assertEquals(0, refreshes, "a request ending changes no model state");
    }

    @Test
    void aQuietSecondStillRefreshesForTheCountdowns() {
        bridge.pump(0);
        bridge.pump(TimeUnit.MILLISECONDS.toNanos(500));
        assertEquals(1, refreshes);
        bridge.pump(TimeUnit.MILLISECONDS.toNanos(1000));
        assertEquals(2, refreshes);
    }

    @Test
    void overflowIsDroppedCountedAndReportedToItsOwnPane() {
        bridge.pump(0);
        logs.info("a proxy line before the flood");
        for (int i = 0; i < FxEventBridge.QUEUE_CAPACITY + 250; i++) {
            logs.upstream("chatty", "line " + i);
        }
        bridge.pump(1);
        assertEquals(List.of(List.of(0L, 251L)), drops, "the upstream pane is told; the proxy pane lost nothing");
        assertEquals(1, proxyBatches.get(0).size());
        assertEquals(FxEventBridge.QUEUE_CAPACITY - 1, upstreamBatches.get(0).size());
    }

    @Test
    void aDroppedEventOtherThanALineMakesTheStateBeReadAgain() {
        bridge.pump(0);
        refreshes = 0;
        for (int i = 0; i <= FxEventBridge.QUEUE_CAPACITY; i++) {
            bus.publish(new InFlightChanged("alpha", i, Instant.now()));
        }
        bridge.pump(1);
        assertEquals(1, refreshes, "a drop may have hidden a state event");
        assertEquals(List.of(), drops, "no pane is told of it");
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void closingUnsubscribes() {
        int before = bus.subscriberCount();
        bridge.close();
        assertEquals(before - 1, bus.subscriberCount());
    }
}
