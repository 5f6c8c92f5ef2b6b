package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoopbackTest {

    @ParameterizedTest
    @CsvSource({
        "localhost, true", "LocalHost, true", "localhost., true", "[::1], true",
        "127.0.0.1, true", "127.1.2.3, true", "127.255.255.255, true", "127.0.0.0, true",
        "127.0.0.256, false", "127.0.0.1.5, false", "127.0.0.1a, false", "127..0.1, false", "127.0.0., false",
        "127.0.0.1000, false", "128.0.0.1, false", "1127.0.0.1, false", "127.0.0.1.evil.example, false",
        "localhost.evil.example, false", "localhost.., false", "[::2], false", "'', false", ".127.0.0.1, false",
        "[localhost], false", "[::1%lo], false", "[:::1], false"
    })
    void loopbackNamesAreTextNeverLookups(String host, boolean loopback) {
        assertEquals(loopback, Loopback.isLoopbackHost(host));
    }

    /** As the C library reads an address, and with it Python's http.client, which sends the host as typed. */
    @ParameterizedTest
    @CsvSource({
        "127.1, true", "127.0.1, true", "127.0.0, true", "2130706433, true", "0x7f.1, true", "0X7F000001, true",
        "0177.0.0.1, true", "127.00.0.1, true", "127.0.0.01, true", "127.000.000.001, true", "127.16777215, true",
        "[0:0:0:0:0:0:0:1], true", "[0::1], true", "[::0:1], true", "[0000:0000:0000:0000:0000:0000:0000:0001], true",
        "127.16777216, false", "4294967296, false", "2130706432, true", "2147483648, false", "0x80.1, false",
        "0x, false", "127.0x, false", "08.0.0.1, false", "0x7g.1, false", "1.127.0.1, false",
        "[0:0:0:0:0:0:0:2], false", "[::ffff:7f00:1], true"
    })
    void everySpellingOfTheLoopbackAddressIsLoopback(String host, boolean loopback) {
        assertEquals(loopback, Loopback.isLoopbackHost(host));
    }

    @ParameterizedTest
    @CsvSource({
        "10.1, true", "192.168.1.20, true", "3232235796, true", "[fe80::1], true", "[::], true",
        "evil.example, false", "10.0.0.1.nip.io, false", "1e3, false", "[vm], false", "'', false"
    })
    void addressesAreToldFromNames(String host, boolean address) {
        assertEquals(address, Loopback.isAddress(host));
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:8080, 127.0.0.1", "LOCALHOST, localhost", "[::1]:8080, [::1]", "' example.com:80 ', example.com"
    })
    void theHostIsThePartBeforeThePort(String header, String host) {
        assertEquals(host, Loopback.hostOf(header));
    }
}
