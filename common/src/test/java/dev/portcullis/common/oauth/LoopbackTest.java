package dev.portcullis.common.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoopbackTest {

    @ParameterizedTest(name = "{0}: host {1}, redirect {2}")
    @CsvSource({
            "localhost, true, true",
            "LOCALHOST, true, true",
            "localhost., true, false",
            "127.0.0.1, true, true",
            "127.8.9.10, true, false",
            "[::1], true, true",
            "[0:0:0:0:0:0:0:1], true, false",
            "::1, true, false",
            "foo.localhost, false, false",
            "127.1, false, false",
            "[::ffff:127.0.0.1], false, false",
            "example.com, false, false",
    })
    void oneRuleForThisMachine_narrowerSpellingsForRedirects(String host, boolean loopback, boolean redirect) {
        assertEquals(loopback, Loopback.isLoopbackHost(host), host);
        assertEquals(redirect, Loopback.isRedirectHost(host), host);
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:4711/cb, true", "HTTP://[::1]/cb, true", "https://127.0.0.1/cb, false",
            "http://127.0.0.2/cb, false", "http://example.com/cb, false"})
    void httpRedirects(String uri, boolean expected) {
        assertEquals(expected, Loopback.isHttpRedirect(URI.create(uri)), uri);
    }

    @org.junit.jupiter.api.Test
    void nullHosts() {
        assertFalse(Loopback.isLoopbackHost(null));
        assertFalse(Loopback.isRedirectHost(null));
        assertTrue(Loopback.isLoopbackHost("[::1]"));
    }
}
