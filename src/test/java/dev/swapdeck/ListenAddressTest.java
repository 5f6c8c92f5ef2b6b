package dev.swapdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What {@code --listen} accepts: a host that names an address, and a port. */
class ListenAddressTest {

    @Test
    void theFormsItAccepts() {
        assertEquals(new ListenAddress("127.0.0.1", 9000), ListenAddress.parse("9000"));
        assertEquals(new ListenAddress("0.0.0.0", 9000), ListenAddress.parse(":9000"));
        assertEquals(new ListenAddress("localhost", 9000), ListenAddress.parse("localhost:9000"));
        assertEquals(new ListenAddress("::1", 9000), ListenAddress.parse("[::1]:9000"));
        ListenAddress unbracketed = ListenAddress.parse("::1:9000");
        assertEquals(new ListenAddress("::1", 9000), unbracketed, "an IPv6 address before the last colon");
        assertTrue(unbracketed.isLoopback());
    }

    @Test
    void anIpv4MappedAddressIsReadAsTheIpv4AddressAUrlCanName() {
        ListenAddress mapped = ListenAddress.parse("[::ffff:127.0.0.1]:9000");
        assertEquals(new ListenAddress("127.0.0.1", 9000), mapped);
        assertTrue(mapped.isLoopback());
        assertEquals("http://127.0.0.1:9000/v1", mapped.clientBaseUrl(9000));
        assertEquals(new ListenAddress("127.0.0.1", 9000), ListenAddress.parse("::ffff:7f00:1:9000"));
        assertEquals(new ListenAddress("::1", 9000), ListenAddress.parse("[::1]:9000"), "a plain IPv6 address stays");
    }

    @Test
    void aHostThatNamesNoAddressIsABadValue() {
        assertEquals("bad --listen value 'localhost:18807:1': 'localhost:18807' is not an IPv6 address (write "
                + "HOST:PORT, or [IPv6]:PORT)",
                assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("localhost:18807:1")).getMessage());
        assertEquals("bad --listen value 'nosuchhost.invalid:18801': unknown host nosuchhost.invalid",
                assertThrows(IllegalArgumentException.class,
                        () -> ListenAddress.parse("nosuchhost.invalid:18801")).getMessage());
        // empty brackets were read as loopback and shown as http://:18801/v1, an address no client can use
        assertEquals("expected [IPv6]:PORT, got '[]:18801'",
                assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("[]:18801")).getMessage());
    }
}
