package dev.portcullis.auth.authorize;

import static dev.portcullis.auth.support.BrowserFlow.page;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.BrowserFlow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PromptAndRememberedConsentTest {

    private String clientId;
    private String verifier;
    private Map<String, String> params;

    @BeforeEach
    void registerClient() {
        clientId = BrowserFlow.registerClient("Prompt App");
        verifier = BrowserFlow.newVerifier();
        params = BrowserFlow.authorizeParams(clientId, verifier);
    }

    private static Response authorize(Map<String, String> params, String session) {
        var request = given().redirects().follow(false).queryParams(params);
        if (session != null) {
            request.cookie("portcullis_session", session);
        }
        return request.when().get("/authorize");
    }

    /** Signs in and approves once; returns the session cookie. */
    private String approveOnce() {
        Response consent = BrowserFlow.signIn(page(BrowserFlow.authorize(params)), BrowserFlow.USERNAME, BrowserFlow.PASSWORD);
        assertEquals(200, consent.statusCode());
        String session = consent.getCookie("portcullis_session");
        assertEquals(303, BrowserFlow.decide(page(consent), session, "approve").statusCode());
        return session;
    }

    /** The parameters the authorization endpoint sent the browser back to the client with (a 302). */
    private static Map<String, String> redirectedBack(Response response) {
        assertEquals(302, response.statusCode(), response.asString());
        return BrowserFlow.query(response.getHeader("Location"));
    }

    private static long pendingRequests() {
        return QuarkusTransaction.requiringNew().call(() -> PendingRequest.count());
    }

    @Test
    void promptNoneWithoutASessionRedirectsWithLoginRequiredAndStoresNothing() {
        params.put("prompt", "none");
        long before = pendingRequests();
        Map<String, String> redirect = redirectedBack(authorize(params, null));
        assertEquals("login_required", redirect.get("error"));
        assertEquals(params.get("state"), redirect.get("state"));
        assertEquals(BrowserFlow.ISSUER, redirect.get("iss"));
        assertEquals(before, pendingRequests());
    }

    @Test
    void promptNoneWithASessionButNoConsentRedirectsWithConsentRequired() {
        Response consent = BrowserFlow.signIn(page(BrowserFlow.authorize(params)), BrowserFlow.USERNAME, BrowserFlow.PASSWORD);
        String session = consent.getCookie("portcullis_session");
        params.put("prompt", "none");
        assertEquals("consent_required", redirectedBack(authorize(params, session)).get("error"));
    }

    @Test
    void rememberedConsentSkipsTheConsentPageForTheSameOrNarrowerScope() {
        String session = approveOnce();
        params.put("scope", "notes:read");
        Map<String, String> redirect = redirectedBack(authorize(params, session));
        assertNotNull(redirect.get("code"));
        assertEquals(BrowserFlow.ISSUER, redirect.get("iss"));
        BrowserFlow.exchange(clientId, redirect.get("code"), verifier).then().statusCode(200);

        params.put("prompt", "none");
        assertNotNull(BrowserFlow.query(authorize(params, session).getHeader("Location")).get("code"));
    }

    @Test
    void aWiderScopeOrPromptConsentShowsTheConsentPageAgain() {
        String session = approveOnce();
        params.put("scope", "mcp:tools notes:read notes:write");
        Response wider = authorize(params, session);
        assertEquals(200, wider.statusCode());
        assertEquals(3, page(wider).select("#scopes li").size());

        params.put("scope", "mcp:tools");
        params.put("prompt", "consent");
        Response forced = authorize(params, session);
        assertEquals(200, forced.statusCode());
        assertNotNull(page(forced).selectFirst("button[value=approve]"));
    }

    @Test
    void promptLoginShowsTheSignInPageDespiteASession() {
        String session = approveOnce();
        params.put("prompt", "login");
        Response response = authorize(params, session);
        assertEquals(200, response.statusCode());
        assertNotNull(page(response).selectFirst("input[name=password]"));
        // after signing in again, the remembered consent applies
        Response signedIn = BrowserFlow.signIn(page(response), BrowserFlow.USERNAME, BrowserFlow.PASSWORD);
        assertEquals(303, signedIn.statusCode());
        assertNotNull(BrowserFlow.query(signedIn.getHeader("Location")).get("code"));
    }

    @Test
    void promptNoneCombinedWithAnotherValueIsInvalidRequest() {
        params.put("prompt", "none login");
        assertEquals("invalid_request", redirectedBack(authorize(params, null)).get("error"));
    }

    @Test
    void withOpenRegistrationAScopeBeyondTheRegisteredOneIsAskedOfTheUser() {
        String limited = given().contentType(ContentType.JSON).body(Map.of("redirect_uris", List.of(BrowserFlow.REDIRECT_URI),
                "scope", "notes:read", "token_endpoint_auth_method", "none")).when().post("/register")
                .then().statusCode(201).extract().path("client_id");
        Map<String, String> limitedParams = BrowserFlow.authorizeParams(limited, verifier);
        limitedParams.put("scope", "mcp:tools notes:write");
        Response signIn = authorize(limitedParams, null);
        assertEquals(200, signIn.statusCode());
        Response consent = BrowserFlow.signIn(page(signIn), BrowserFlow.USERNAME, BrowserFlow.PASSWORD);
        List<String> shown = page(consent).select("#scopes li").eachText();
        assertTrue(shown.stream().anyMatch(s -> s.contains("notes:write")), shown.toString());
        assertTrue(shown.stream().anyMatch(s -> s.contains("mcp:tools")), shown.toString());
    }
}
