package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UpstreamAddressTest {

    @Test
    void aHostUriReadsIsTakenAsItIs() {
        assertEquals("127.0.0.1", UpstreamAddress.host(URI.create("http://127.0.0.1:9000/v1")));
        assertEquals(9000, UpstreamAddress.port(URI.create("http://127.0.0.1:9000/v1")));
        assertEquals("[::1]", UpstreamAddress.host(URI.create("http://[::1]:9000")));
        assertEquals(443, UpstreamAddress.port(URI.create("https://models.example")));
        assertEquals(80, UpstreamAddress.port(URI.create("http://models.example")));
    }

    /** Names DNS and Docker allow but RFC 2396 does not, which URI leaves without a host. */
    @Test
    void aNameUriReadsNoHostFromIsReadFromTheAuthority() {
        URI underscore = URI.create("http://llama_cpp:8080/v1");
        assertNull(underscore.getHost(), "the case this class exists for");
        assertEquals("llama_cpp", UpstreamAddress.host(underscore));
        assertEquals(8080, UpstreamAddress.port(underscore));
        URI digitLabel = URI.create("http://qwen3.5-2b");
        assertEquals("qwen3.5-2b", UpstreamAddress.host(digitLabel));
        assertEquals(-1, UpstreamAddress.explicitPort(digitLabel));
        assertEquals(80, UpstreamAddress.port(digitLabel));
    }

    @Test
    void onlyPlainHttpTakesSuchANameAndNothingElseIsAHost() {
        assertTrue(UpstreamAddress.httpWithHost(URI.create("http://llama_cpp:8080")));
        assertFalse(UpstreamAddress.httpWithHost(URI.create("https://llama_cpp:8443")), "TLS has no name to check");
        assertFalse(UpstreamAddress.httpWithHost(URI.create("http://llama_cpp:99999")));
        assertFalse(UpstreamAddress.httpWithHost(URI.create("http://a%20b:80")));
        assertFalse(UpstreamAddress.httpWithHost(URI.create("ftp://llama_cpp")));
        assertFalse(UpstreamAddress.httpWithHost(URI.create("http:///v1")));
    }
}
