package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoopbackTest {

    @ParameterizedTest
    @CsvSource({
        "localhost, true", "LocalHost, true", "[::1], true",
        "127.0.0.1, true", "127.1.2.3, true", "127.255.255.255, true", "127.0.0.0, true",
        "127.0.0.256, false", "127.0.0, false", "127.0.0.1.5, false", "127.00.0.1, false", "127.0.0.01, false",
        "127.0.0.1a, false", "127..0.1, false", "127.0.0., false", "127.0.0.1000, false", "128.0.0.1, false",
        "1127.0.0.1, false", "127.0.0.1.evil.example, false", "localhost.evil.example, false", "[::2], false",
        "'', false"
    })
    void loopbackNamesAreTextNeverLookups(String host, boolean loopback) {
        assertEquals(loopback, Loopback.isLoopbackHost(host));
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:8080, 127.0.0.1", "LOCALHOST, localhost", "[::1]:8080, [::1]", "' example.com:80 ', example.com"
    })
    void theHostIsThePartBeforeThePort(String header, String host) {
        assertEquals(host, Loopback.hostOf(header));
    }
}
