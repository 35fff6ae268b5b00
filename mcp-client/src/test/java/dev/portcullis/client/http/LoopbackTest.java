package dev.portcullis.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portcullis.common.oauth.Loopback;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain http only where nothing leaves the machine: {@link Loopback#isLoopbackHost} is the one rule, decided by name. */
class LoopbackTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // the loopback names and addresses
            "http://localhost:8080/mcp, true",
            "http://LocalHost/mcp, true",
            "http://localhost./mcp, true",
            "http://127.0.0.1:9000/, true",
            "http://127.1.2.3/mcp, true",
            "http://127.255.255.255/mcp, true",
            "http://[::1]:9000/, true",
            "http://[0:0:0:0:0:0:0:1]/mcp, true",
            "http://[0000::0001]/mcp, true",
            // names under .localhost: resolved by whatever resolver is configured, not necessarily to this machine
            "http://foo.localhost/mcp, false",
            "http://mcp.LOCALHOST:8080/mcp, false",
            "http://localhost.example.com/mcp, false",
            "http://localhost../mcp, false",
            "http://127.example.com/mcp, false",
            "http://127.0.0.1.example.com/mcp, false",
            // other spellings of 127/8 that resolvers read differently (octal, hex, short forms): https needed
            "http://127.0.0.01/mcp, false",
            "http://0177.0.0.1/mcp, false",
            "http://0x7f.0.0.1/mcp, false",
            "http://127.1/mcp, false",
            "http://2130706433/mcp, false",
            "http://127.256.0.1/mcp, false",
            "http://127.0.0.1./mcp, false",
            // IPv4-mapped / -compatible forms, zones, other addresses
            "http://[::ffff:127.0.0.1]/mcp, false",
            "http://[::ffff:7f00:1]/mcp, false",
            "http://[::127.0.0.1]/mcp, false",
            "http://[::1%25lo]/mcp, false",
            "http://[::2]/mcp, false",
            "http://0.0.0.0/mcp, false",
            "http://10.0.0.1/mcp, false",
            "http://mcp.example.com/mcp, false",
            // https is fine to any host; other schemes never
            "https://foo.localhost/mcp, true",
            "https://mcp.example.com/mcp, true",
            "HTTP://localhost/mcp, true",
            "ftp://localhost/mcp, false",
    })
    void plainHttp_onlyToLoopback(String url, boolean allowed) {
        assertEquals(allowed, Http.secureEnough(URI.create(url)), url);
    }

    @Test
    void nullOrEmptyHost_isNotLoopback() {
        assertFalse(Loopback.isLoopbackHost(null));
        assertFalse(Loopback.isLoopbackHost(""));
        assertFalse(Loopback.isLoopbackHost("[]"));
        assertFalse(Loopback.isLoopbackHost("[::1"));
    }
}
