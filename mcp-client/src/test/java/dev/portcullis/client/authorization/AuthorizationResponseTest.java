package dev.portcullis.client.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizationResponseTest {

    static final String ISSUER = "http://localhost:9000";

    static AuthorizationServerMetadata metadata(Boolean issSupported) {
        return new AuthorizationServerMetadata(ISSUER, ISSUER + "/authorize", ISSUER + "/token", null, null, null, null,
                null, null, null, null, null, null, null, null, null, List.of("S256"), issSupported, null, null, null);
    }

    @Test
    void matchingStateAndIss_giveTheCode() {
        AuthorizationResponse r = AuthorizationResponse.fromQuery("code=abc&state=s1&iss=http%3A%2F%2Flocalhost%3A9000");
        assertEquals("abc", r.verifiedCode("s1", metadata(true)));
    }

    @Test
    void wrongState_isRejected() {
        AuthorizationResponse r = AuthorizationResponse.fromQuery("code=abc&state=other&iss=" + ISSUER);
        AuthorizationRequiredException e = assertThrows(AuthorizationRequiredException.class,
                () -> r.verifiedCode("s1", metadata(true)));
        assertTrue(e.getMessage().contains("state"), e.getMessage());
    }

    @Test
    void missingState_isRejected() {
        assertThrows(AuthorizationRequiredException.class,
                () -> AuthorizationResponse.fromQuery("code=abc").verifiedCode("s1", metadata(null)));
    }

    @Test
    void missingIssWhenTheServerPromisesIt_isRejected() {
        AuthorizationRequiredException e = assertThrows(AuthorizationRequiredException.class,
                () -> AuthorizationResponse.fromQuery("code=abc&state=s1").verifiedCode("s1", metadata(true)));
        assertTrue(e.getMessage().contains("iss"), e.getMessage());
    }

    @Test
    void missingIssWhenTheServerDoesNotAdvertiseIt_isAccepted() {
        assertEquals("abc", AuthorizationResponse.fromQuery("code=abc&state=s1").verifiedCode("s1", metadata(null)));
    }

    @Test
    void wrongIssEvenWithoutAdvertisement_isRejected() {
        AuthorizationRequiredException e = assertThrows(AuthorizationRequiredException.class,
                () -> AuthorizationResponse.fromQuery("code=abc&state=s1&iss=http://evil")
                        .verifiedCode("s1", metadata(false)));
        assertTrue(e.getMessage().contains("http://evil"), e.getMessage());
    }

    @Test
    void errorResponseWithWrongIss_reportsTheIssuerMismatchNotTheError() {
        AuthorizationRequiredException e = assertThrows(AuthorizationRequiredException.class,
                () -> AuthorizationResponse.fromQuery("error=access_denied&state=s1&iss=http://evil")
                        .verifiedCode("s1", metadata(true)));
        assertTrue(e.getMessage().contains("mix-up"), e.getMessage());
        assertFalse(e.getMessage().contains("access_denied"), e.getMessage());
    }

    @Test
    void errorResponseWithRightIss_tellsTheUserWhatHappened() {
        AuthorizationRequiredException e = assertThrows(AuthorizationRequiredException.class,
                () -> AuthorizationResponse.fromQuery("error=access_denied&error_description=User+said+no&state=s1&iss="
                        + ISSUER).verifiedCode("s1", metadata(true)));
        assertTrue(e.getMessage().contains("access_denied (User said no)"), e.getMessage());
    }

    @Test
    void repeatedParameter_isRejected() {
        assertThrows(AuthorizationRequiredException.class,
                () -> AuthorizationResponse.fromQuery("code=a&code=b&state=s1"));
    }

    @Test
    void toString_hidesTheCode() {
        assertFalse(AuthorizationResponse.fromQuery("code=secretcode&state=s").toString().contains("secretcode"));
    }
}
