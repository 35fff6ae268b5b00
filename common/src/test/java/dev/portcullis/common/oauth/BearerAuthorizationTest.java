package dev.portcullis.common.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BearerAuthorizationTest {

    @Test
    void readsTheTokenWithAnyCaseOfScheme() {
        assertEquals("abc.def-_~+/=", BearerAuthorization.token("Bearer abc.def-_~+/="));
        assertEquals("abc", BearerAuthorization.token("bearer abc"));
        assertEquals("abc", BearerAuthorization.token("BEARER  abc "));
    }

    @Test
    void refusesOtherSchemesAndMissingTokens() {
        assertNull(BearerAuthorization.token(null));
        assertNull(BearerAuthorization.token("Bearer"));
        assertNull(BearerAuthorization.token("Bearer   "));
        assertNull(BearerAuthorization.token("Basic YTpi"));
        assertNull(BearerAuthorization.token("Bearerabc"));
        assertNull(BearerAuthorization.token("Bearer:abc"));
    }

    @Test
    void refusesOverlongTokens() {
        assertEquals(512, BearerAuthorization.token("Bearer " + "a".repeat(512), 512).length());
        assertNull(BearerAuthorization.token("Bearer " + "a".repeat(513), 512));
        assertEquals(2000, BearerAuthorization.token("Bearer " + "a".repeat(2000)).length());
    }

    @Test
    void writesTheHeader() {
        assertEquals("Bearer xyz", BearerAuthorization.header("xyz"));
        assertEquals("xyz", BearerAuthorization.token(BearerAuthorization.header("xyz")));
    }
}
