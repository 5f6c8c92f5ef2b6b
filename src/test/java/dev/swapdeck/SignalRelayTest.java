package dev.swapdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signals while Swapdeck starts: held until there is an engine, except a second shutdown signal, which
 * ends a start that hangs (a --config naming a FIFO swallowed every SIGTERM and Ctrl-C).
 */
class SignalRelayTest {
    private final List<String> exits = new ArrayList<>();
    private final List<String> shutdowns = new ArrayList<>();
    private final List<String> reloads = new ArrayList<>();
    private final SignalRelay relay = new SignalRelay(exits::add);

    @Test
    void oneSignalWaitsForTheEngineAndASecondEndsTheStart() {
        relay.reload();
        relay.shutdown("SIGTERM");
        assertEquals(List.of(), exits, "held");
        relay.shutdown("SIGINT");
        assertEquals(List.of("SIGINT"), exits, "a second: now");
    }

    @Test
    void onceConnectedEverySignalGoesToTheEngine() {
        relay.shutdown("SIGTERM");
        relay.connect(shutdowns::add, () -> reloads.add("SIGHUP"));
        assertEquals(List.of("SIGTERM"), shutdowns, "the held one, once connected");
        relay.shutdown("SIGINT");
        relay.reload();
        assertEquals(List.of("SIGTERM", "SIGINT"), shutdowns);
        assertEquals(List.of("SIGHUP"), reloads);
        assertEquals(List.of(), exits);
    }
}
