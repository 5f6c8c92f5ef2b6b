package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The rule alone, without sockets: the wire cases are in ClosedBeforeAnswerTest and UnansweredConnectionsTest. */
class ResendRuleTest {
    private static final BooleanSupplier RESET_UNREAD = () -> true;
    private static final BooleanSupplier CLOSED_CLEANLY = () -> false;
    private static final BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("nothing went out: whether it was reset does not matter");
    };

    private final ResendRule rule = new ResendRule();

    @Test
    void aConnectionThatBrokeBeforeAnyOfTheRequestWentOutIsTriedOnceMore() {
        rule.connected();

        assertEquals(Optional.empty(), rule.failed("closed the connection before a response", NOT_ASKED, false));
        assertFalse(rule.firstTry());
        assertFalse(rule.mayHaveBeenRead());
    }

    @Test
    void aRequestResetUnreadIsTriedOnceMore() {
        rule.connected();
        rule.wrote(300);

        assertEquals(Optional.empty(), rule.failed("closed the connection before a response", RESET_UNREAD, false));
        assertFalse(rule.mayHaveBeenRead(), "the reset says no server read it");
    }

    @Test
    void aRequestThatWentOutOnAConnectionClosedCleanlyIsNotSentAgain() {
        rule.connected();
        rule.wrote(300);

        assertEquals(Optional.of("did not answer: it closed the connection before a response to a request it may have"
                        + " read, so the request was not sent again"),
                rule.failed("closed the connection before a response", CLOSED_CLEANLY, false));
        assertTrue(rule.mayHaveBeenRead());
        assertTrue(rule.firstTry());
    }

    @Test
    void aServerThatIsStoppingGetsNoSecondTry() {
        rule.connected();

        assertEquals(Optional.of("did not answer: it closed the connection before a response"),
                rule.failed("closed the connection before a response", NOT_ASKED, true));
    }

    @Test
    void theSecondConnectionsFailureEndsItAndTheReasonNamesBoth() {
        rule.connected();
        assertEquals(Optional.empty(), rule.failed("closed the connection before a response", NOT_ASKED, false));
        rule.connected();
        rule.wrote(300);

        Optional<String> second = rule.failed("broke the connection before a response (Connection reset)",
                RESET_UNREAD, false);

        assertEquals(Optional.of("did not answer: it broke the connection before a response (Connection reset)"), second);
        assertEquals("did not answer: it broke the connection before a response (Connection reset), after it closed the"
                + " connection before a response on a first connection", rule.reason(second.get()));
        assertFalse(rule.mayHaveBeenRead(), "reset unread on both connections");
    }

    @Test
    void theSameFailureTwiceIsSaidOnce() {
        rule.connected();
        rule.failed("closed the connection before a response", NOT_ASKED, false);
        rule.connected();

        String why = rule.failed("closed the connection before a response", NOT_ASKED, false).orElseThrow();

        assertEquals("did not answer: it closed the connection before a response, on a second connection too",
                rule.reason(why));
    }

    @Test
    void whatIsWrittenOnTheCurrentConnectionCountsUntilTheNext() {
        rule.connected();
        assertFalse(rule.sentAny());
        rule.wrote(0);
        assertFalse(rule.sentAny());
        rule.wrote(10);
        assertTrue(rule.sentAny());
        assertTrue(rule.mayHaveBeenRead(), "bytes out on a connection not yet known to be reset");
        rule.connected();
        assertFalse(rule.sentAny());
        assertEquals("no answer", rule.reason("no answer"));
    }
}
