package dev.portcullis.auth.authorize;

import static dev.portcullis.auth.support.BrowserFlow.authorize;
import static dev.portcullis.auth.support.BrowserFlow.authorizeParams;
import static dev.portcullis.auth.support.BrowserFlow.base;
import static dev.portcullis.auth.support.BrowserFlow.page;
import static dev.portcullis.auth.support.BrowserFlow.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.BrowserFlow;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthorizeResourceTest {

    private String clientId;
    private Map<String, String> params;

    @BeforeEach
    void registerClient() {
        clientId = BrowserFlow.registerClient("Authorize Test App");
        params = authorizeParams(clientId, BrowserFlow.newVerifier());
    }

    @Test
    void validRequestShowsTheSignInFormWithSecurityHeaders() {
        Response response = authorize(params);
        assertEquals(200, response.statusCode());
        assertTrue(response.contentType().startsWith("text/html"));
        assertTrue(response.getHeader("Content-Security-Policy").contains("frame-ancestors 'none'"));
        assertEquals("DENY", response.getHeader("X-Frame-Options"));
        assertEquals("no-store", response.getHeader("Cache-Control"));
        assertEquals("same-origin", response.getHeader("Referrer-Policy"));

        Document page = page(response);
        Element form = page.selectFirst("form[method=post]");
        assertNotNull(form);
        assertEquals("/authorize/sign-in", form.attr("action"));
        assertNotNull(form.selectFirst("input[name=username]"));
        assertNotNull(form.selectFirst("input[type=password][name=password]"));
        assertEquals(43, BrowserFlow.hidden(page, "request_id").length());
        assertEquals(43, BrowserFlow.hidden(page, "csrf_token").length());
        assertNotNull(form.selectFirst("button[type=submit]"));
        assertEquals("Authorize Test App", page.selectFirst("#client-name").text());
    }

    @Test
    void clientNameWithMarkupIsShownAsTextNeverAsHtml() {
        String hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        String hostileClient = BrowserFlow.registerClient(hostile);
        Response response = authorize(authorizeParams(hostileClient, BrowserFlow.newVerifier()));
        assertEquals(200, response.statusCode());
        String html = response.asString();
        assertFalse(html.contains("<script>alert(1)"), "markup from the client is escaped");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertEquals(hostile, page(response).selectFirst("#client-name").text());
    }

    @Test
    void unknownClientShowsAnErrorPageInsteadOfRedirecting() {
        params.put("client_id", "no-such-client");
        Response response = assertErrorPage();
        assertTrue(page(response).selectFirst("#error").text().contains("client_id"));
        assertEquals("DENY", response.getHeader("X-Frame-Options"));
    }

    @Test
    void missingClientIdShowsAnErrorPage() {
        params.remove("client_id");
        assertErrorPage();
    }

    @Test
    void unregisteredRedirectUriShowsAnErrorPageInsteadOfRedirecting() {
        params.put("redirect_uri", "https://attacker.example/callback");
        assertTrue(page(assertErrorPage()).selectFirst("#error").text().contains("redirect_uri"));
    }

    @Test
    void missingRedirectUriShowsAnErrorPage() {
        params.remove("redirect_uri");
        assertErrorPage();
    }

    @Test
    void missingCodeChallengeRedirectsWithInvalidRequestStateAndIss() {
        params.remove("code_challenge");
        assertRedirectError("invalid_request");
    }

    @Test
    void plainCodeChallengeMethodRedirectsWithInvalidRequest() {
        params.put("code_challenge_method", "plain");
        assertRedirectError("invalid_request");
    }

    @Test
    void missingCodeChallengeMethodRedirectsWithInvalidRequest() {
        params.remove("code_challenge_method");
        assertRedirectError("invalid_request");
    }

    @Test
    void wrongResponseTypeRedirectsWithUnsupportedResponseType() {
        params.put("response_type", "token");
        assertRedirectError("unsupported_response_type");
    }

    @Test
    void unknownResourceRedirectsWithInvalidTarget() {
        params.put("resource", "https://elsewhere.example/mcp");
        assertRedirectError("invalid_target");
    }

    @Test
    void missingResourceRedirectsWithInvalidRequest() {
        params.remove("resource");
        assertRedirectError("invalid_request");
    }

    @Test
    void unknownScopeRedirectsWithInvalidScope() {
        params.put("scope", "mcp:tools admin");
        assertRedirectError("invalid_scope");
    }

    @Test
    void absentScopeDefaultsToEverySupportedScopeButOfflineAccess() {
        params.remove("scope");
        BrowserFlow.approvedRedirect(params);
        // the default shows on the consent page; asserted through a second request
        params.put("state", "another");
        params.put("prompt", "consent"); // the first approval is remembered; ask for the consent page again
        Response signIn = authorize(params);
        Response consent = BrowserFlow.signIn(page(signIn), BrowserFlow.USERNAME, BrowserFlow.PASSWORD);
        String scopes = page(consent).select("#scopes li").eachText().toString();
        assertEquals("[mcp:tools, notes:read, notes:write]", scopes);
    }

    @Test
    void errorRedirectEncodesStateExactly() {
        params.put("state", "a b&c=d/é");
        params.put("response_type", "token");
        Map<String, String> redirect = assertRedirectError("unsupported_response_type");
        assertEquals("a b&c=d/é", redirect.get("state"));
    }

    /** Refused with an error page, never a redirect: the client or its redirect URI is not established. */
    private Response assertErrorPage() {
        Response response = authorize(params);
        assertEquals(400, response.statusCode());
        assertNull(response.getHeader("Location"));
        return response;
    }

    private Map<String, String> assertRedirectError(String error) {
        Response response = authorize(params);
        assertEquals(302, response.statusCode(), response.asString());
        String location = response.getHeader("Location");
        assertEquals(BrowserFlow.REDIRECT_WITH_PORT, base(location));
        Map<String, String> redirect = query(location);
        assertEquals(error, redirect.get("error"));
        assertNotNull(redirect.get("error_description"));
        assertEquals(params.get("state"), redirect.get("state"));
        assertEquals(BrowserFlow.ISSUER, redirect.get("iss"));
        return redirect;
    }
}
