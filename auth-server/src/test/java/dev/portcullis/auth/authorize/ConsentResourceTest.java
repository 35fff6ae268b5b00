package dev.portcullis.auth.authorize;

import static dev.portcullis.auth.support.BrowserFlow.authorize;
import static dev.portcullis.auth.support.BrowserFlow.authorizeParams;
import static dev.portcullis.auth.support.BrowserFlow.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.user.Passwords;
import dev.portcullis.auth.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsentResourceTest {

    @Inject
    Passwords passwords;

    private Map<String, String> params;
    private Document consentPage;
    private String session;

    @BeforeEach
    void signIn() {
        params = authorizeParams(BrowserFlow.registerClient("Consent Test App"), BrowserFlow.newVerifier());
        params.put("state", "xyz/+ =&");
        Response response = BrowserFlow.signIn(page(authorize(params)), "alice", "alice");
        consentPage = page(response);
        session = response.getCookie("portcullis_session");
    }

    @Test
    void approveRedirectsWithCodeStateAndIss() {
        Response response = BrowserFlow.decide(consentPage, session, "approve");
        assertEquals(303, response.statusCode());
        String location = response.getHeader("Location");
        assertEquals(BrowserFlow.REDIRECT_WITH_PORT, BrowserFlow.base(location));
        Map<String, String> redirect = BrowserFlow.query(location);
        assertEquals(43, redirect.get("code").length());
        assertEquals("xyz/+ =&", redirect.get("state"));
        assertEquals(BrowserFlow.ISSUER, redirect.get("iss"));
        assertFalse(redirect.containsKey("error"));
    }

    @Test
    void denyRedirectsWithAccessDeniedStateAndIss() {
        Response response = BrowserFlow.decide(consentPage, session, "deny");
        assertEquals(303, response.statusCode());
        Map<String, String> redirect = BrowserFlow.query(response.getHeader("Location"));
        assertEquals("access_denied", redirect.get("error"));
        assertEquals("xyz/+ =&", redirect.get("state"));
        assertEquals(BrowserFlow.ISSUER, redirect.get("iss"));
        assertFalse(redirect.containsKey("code"));
    }

    @Test
    void aDecidedRequestCannotBeDecidedAgain() {
        BrowserFlow.decide(consentPage, session, "approve");
        assertErrorPage(BrowserFlow.decide(consentPage, session, "approve"));
    }

    @Test
    void missingSessionCookieShowsAnErrorPage() {
        assertTrue(assertErrorPage(BrowserFlow.decide(consentPage, "", "approve")).contains("sign-in has expired"));
    }

    @Test
    void forgedSessionCookieShowsAnErrorPage() {
        assertErrorPage(BrowserFlow.decide(consentPage, "not-a-session", "approve"));
    }

    @Test
    void anotherUsersSessionCannotDecideThisUsersRequest() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (User.findByUsername("bob").isEmpty()) {
                passwords.create("bob", "bob-password");
            }
        });
        Map<String, String> bobsParams = authorizeParams(BrowserFlow.registerClient("Bob's app"), BrowserFlow.newVerifier());
        String bobsSession = BrowserFlow.signIn(page(authorize(bobsParams)), "bob", "bob-password")
                .getCookie("portcullis_session");

        assertErrorPage(BrowserFlow.decide(consentPage, bobsSession, "approve"));
    }

    @Test
    void badCsrfTokenShowsAnErrorPage() {
        consentPage.selectFirst("input[name=csrf_token]").attr("value", "forged");
        assertTrue(assertErrorPage(BrowserFlow.decide(consentPage, session, "approve")).contains("could not be verified"));
    }

    @Test
    void unknownDecisionShowsAnErrorPage() {
        assertErrorPage(BrowserFlow.decide(consentPage, session, "maybe"));
    }

    /** Refused with an error page (400), not answered at the client's redirect URI; returns the page's message. */
    private static String assertErrorPage(Response response) {
        assertEquals(400, response.statusCode());
        assertNull(response.getHeader("Location"));
        return page(response).selectFirst("#error").text();
    }
}
