package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignalMomentTest {
    private static final SignalMoment AT = new SignalMoment(1_000, 500, 32_768);

    @Test
    void anEarlierTickIsBeforeAndALaterOneAfterWhateverTheId() {
        assertTrue(AT.existedAt(900, 999));
        assertFalse(AT.existedAt(100, 1_001));
    }

    @Test
    void inTheSameTickTheIdsOrderDecides() {
        assertTrue(AT.existedAt(500, 1_000), "the last id handed out before the moment");
        assertTrue(AT.existedAt(499, 1_000));
        assertFalse(AT.existedAt(501, 1_000));
        assertFalse(AT.existedAt(520, 1_000));
    }

    @Test
    void idsWrapAtPidMax() {
        SignalMoment nearTheEnd = new SignalMoment(1_000, 32_760, 32_768);
        assertFalse(nearTheEnd.existedAt(301, 1_000), "handed out after the wrap");
        assertTrue(nearTheEnd.existedAt(32_700, 1_000));
        SignalMoment afterTheWrap = new SignalMoment(1_000, 310, 32_768);
        assertTrue(afterTheWrap.existedAt(32_765, 1_000), "handed out before the wrap");
    }

    @Test
    void thisMachinesMomentPrecedesAProcessStartedAfterIt() throws Exception {
        Optional<SignalMoment> moment = SignalMoment.now();
        assertTrue(moment.isPresent(), "read from /proc");
        Process later = new ProcessBuilder("sleep", "5").start();
        try {
            assertFalse(moment.get().existedAt(later.pid()));
            assertTrue(moment.get().existedAt(ProcessHandle.current().pid()));
        } finally {
            later.destroyForcibly().waitFor();
        }
    }
}
