package dev.portcullis.auth.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedirectUrisTest {

    @Test
    void identicalUrisMatch() {
        assertTrue(RedirectUris.matches("https://app.example/cb", "https://app.example/cb"));
    }

    @Test
    void httpsUriWithDifferentPortDoesNotMatch() {
        assertFalse(RedirectUris.matches("https://app.example/cb", "https://app.example:8443/cb"));
    }

    @Test
    void httpsUriWithDifferentPathOrQueryDoesNotMatch() {
        assertFalse(RedirectUris.matches("https://app.example/cb", "https://app.example/cb/"));
        assertFalse(RedirectUris.matches("https://app.example/cb", "https://app.example/cb?x=1"));
        assertFalse(RedirectUris.matches("https://app.example/cb", "https://APP.example/cb"));
    }

    @Test
    void loopbackIpv4WithAnyPortMatches() {
        assertTrue(RedirectUris.matches("http://127.0.0.1/callback", "http://127.0.0.1:53682/callback"));
        assertTrue(RedirectUris.matches("http://127.0.0.1:1234/callback", "http://127.0.0.1:5678/callback"));
    }

    @Test
    void loopbackIpv6AndLocalhostWithAnyPortMatch() {
        assertTrue(RedirectUris.matches("http://[::1]/cb", "http://[::1]:40000/cb"));
        assertTrue(RedirectUris.matches("http://localhost:3000/cb", "http://localhost:4000/cb"));
    }

    @Test
    void loopbackWithDifferentHostPathOrQueryDoesNotMatch() {
        assertFalse(RedirectUris.matches("http://127.0.0.1/cb", "http://localhost:5000/cb"));
        assertFalse(RedirectUris.matches("http://127.0.0.1/cb", "http://127.0.0.1:5000/other"));
        assertFalse(RedirectUris.matches("http://127.0.0.1/cb", "http://127.0.0.1:5000/cb?x=1"));
        assertFalse(RedirectUris.matches("http://127.0.0.1/cb", "http://127.0.0.1:5000/cb#frag"));
    }

    @Test
    void httpsLoopbackIsComparedExactly() {
        assertFalse(RedirectUris.matches("https://localhost/cb", "https://localhost:8443/cb"));
    }

    @Test
    void nonLoopbackHttpDoesNotGetThePortExemption() {
        assertFalse(RedirectUris.matches("http://app.example/cb", "http://app.example:8080/cb"));
    }

    @Test
    void missingOrMalformedUrisDoNotMatch() {
        assertFalse(RedirectUris.matches(null, "http://127.0.0.1/cb"));
        assertFalse(RedirectUris.matches("http://127.0.0.1/cb", null));
        assertFalse(RedirectUris.matches("http://127.0.0.1/cb", "http://127.0.0.1:1/c b"));
    }

    @Test
    void httpsAndLoopbackHttpAreRegistrable() {
        assertTrue(RedirectUris.isRegistrable("https://app.example/cb"));
        assertTrue(RedirectUris.isRegistrable("http://127.0.0.1/cb"));
        assertTrue(RedirectUris.isRegistrable("http://[::1]:8080/cb"));
        assertTrue(RedirectUris.isRegistrable("http://localhost:3000/cb"));
    }

    @Test
    void relativeFragmentNonLoopbackHttpAndOtherSchemesAreNotRegistrable() {
        assertFalse(RedirectUris.isRegistrable("/cb"));
        assertFalse(RedirectUris.isRegistrable("https://app.example/cb#x"));
        assertFalse(RedirectUris.isRegistrable("http://app.example/cb"));
        assertFalse(RedirectUris.isRegistrable("javascript:alert(1)"));
        assertFalse(RedirectUris.isRegistrable("not a uri"));
    }
}
