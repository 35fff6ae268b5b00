package dev.portcullis.client.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedirectUrisTest {

    @Test
    void aLoopbackRedirectWithAPortIsRegisteredWithAndWithoutIt() {
        assertEquals(List.of("http://127.0.0.1:53124/callback", "http://127.0.0.1/callback"),
                ClientResolver.redirectUris(URI.create("http://127.0.0.1:53124/callback")));
    }

    @Test
    void anIpv6LoopbackRedirectKeepsItsBrackets() {
        assertEquals(List.of("http://[::1]:4000/callback", "http://[::1]/callback"),
                ClientResolver.redirectUris(URI.create("http://[::1]:4000/callback")));
    }

    @Test
    void aRedirectWithoutAPortIsRegisteredAsItIs() {
        assertEquals(List.of("http://127.0.0.1/callback"),
                ClientResolver.redirectUris(URI.create("http://127.0.0.1/callback")));
    }
}
