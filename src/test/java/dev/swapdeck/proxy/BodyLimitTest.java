package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.io.Receiver;
import io.undertow.server.RequestTooBigException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BodyLimitTest {
    /** Undertow's receiver hands a read listener's failure on wrapped; the first read's as it is. */
    @Test
    void aLimitsExceptionIsKnownWrappedOrNot() {
        assertTrue(BodyLimit.passedTheLimit(new RequestTooBigException("past the cap")));
        assertTrue(BodyLimit.passedTheLimit(new IOException(new RequestTooBigException("past the cap"))));
        assertTrue(BodyLimit.passedTheLimit(new Receiver.RequestToLargeException()));
        assertFalse(BodyLimit.passedTheLimit(new IOException("connection reset")));
    }
}
