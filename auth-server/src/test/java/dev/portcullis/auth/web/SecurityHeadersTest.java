package dev.portcullis.auth.web;

import static dev.portcullis.auth.support.BrowserFlow.page;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.BrowserFlow;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Every page, however it is produced, carries the same security headers. */
@QuarkusTest
class SecurityHeadersTest {

    private static void assertPageHeaders(String what, Response response) {
        String csp = response.getHeader("Content-Security-Policy");
        assertNotNull(csp, what);
        assertTrue(csp.contains("default-src 'none'"), what + ": " + csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), what + ": " + csp);
        assertTrue(csp.contains("base-uri 'none'"), what + ": " + csp);
        assertEquals("DENY", response.getHeader("X-Frame-Options"), what);
        assertEquals("no-store", response.getHeader("Cache-Control"), what);
        assertEquals("same-origin", response.getHeader("Referrer-Policy"), what);
        assertEquals("nosniff", response.getHeader("X-Content-Type-Options"), what);
    }

    @Test
    void everyPageAndEveryRedirectOfTheBrowserPathsCarriesTheSecurityHeaders() {
        Map<String, Response> pages = new LinkedHashMap<>();
        String clientId = BrowserFlow.registerClient("Headers test app");
        Map<String, String> params = BrowserFlow.authorizeParams(clientId, BrowserFlow.newVerifier());

        Response signIn = BrowserFlow.authorize(params);
        pages.put("sign-in page", signIn);
        pages.put("error page of the authorization endpoint (exception mapper)",
                given().redirects().follow(false).queryParam("client_id", "unknown").when().get("/authorize"));
        Map<String, String> noResponseType = new LinkedHashMap<>(params);
        noResponseType.remove("response_type");
        pages.put("error redirect of the authorization endpoint", BrowserFlow.authorize(noResponseType));
        pages.put("sign-in page after a wrong password", BrowserFlow.signIn(page(signIn), "alice", "wrong"));
        Response consent = BrowserFlow.signIn(page(signIn), "alice", "alice");
        pages.put("consent page", consent);
        pages.put("redirect after consent", BrowserFlow.decide(page(consent), consent.getCookie("portcullis_session"), "approve"));
        pages.put("error page of the consent form", BrowserFlow.decide(page(consent), "", "approve"));

        Response accountSignIn = given().when().get("/account");
        pages.put("account sign-in page", accountSignIn);
        Response signedIn = given().redirects().follow(false).contentType(ContentType.URLENC)
                .cookie(BrowserFlow.PRE_SESSION_COOKIE, accountSignIn.getCookie(BrowserFlow.PRE_SESSION_COOKIE))
                .formParam("csrf_token", BrowserFlow.hidden(page(accountSignIn), "csrf_token"))
                .formParam("username", "alice").formParam("password", "alice").when().post("/account/sign-in");
        pages.put("redirect after account sign-in", signedIn);
        String session = signedIn.getCookie("portcullis_session");
        Response account = given().cookie("portcullis_session", session).when().get("/account");
        pages.put("signed-in account page", account);
        pages.put("error page of the revoke form", given().contentType(ContentType.URLENC).cookie("portcullis_session", session)
                .formParam("client_id", clientId).formParam("csrf_token", "forged").when().post("/account/revoke"));
        pages.put("cross-site refusal page", given().contentType(ContentType.URLENC).header("Origin", "https://evil.example")
                .formParam("client_id", clientId).when().post("/account/revoke"));
        pages.put("404 under a browser path", given().when().get("/account/nope"));
        pages.put("405 of a form target", given().when().get("/authorize/sign-in"));

        pages.forEach(SecurityHeadersTest::assertPageHeaders);
        Document accountPage = page(account);
        assertEquals("alice", accountPage.selectFirst("#username").text(), "the signed-in page was really tested");
        assertTrue(account.getContentType().startsWith("text/html"), account.getContentType());
        assertEquals(401, pages.get("sign-in page after a wrong password").statusCode());
        assertEquals(303, pages.get("redirect after consent").statusCode());
        assertEquals(302, pages.get("error redirect of the authorization endpoint").statusCode());
        assertEquals(403, pages.get("cross-site refusal page").statusCode());
    }

    @Test
    void thePagesNeedNothingTheirPolicyForbids() {
        // default-src 'none' with inline style only: no script, no external style sheet, image or font, no frame
        Document signIn = page(BrowserFlow.authorize(BrowserFlow.authorizeParams(
                BrowserFlow.registerClient("CSP test app"), BrowserFlow.newVerifier())));
        assertTrue(signIn.select("script, link[rel=stylesheet], iframe, img[src^=http], object, embed").isEmpty());
        assertNull(signIn.selectFirst("[style*=url(]"));
    }

    @Test
    void documentsForClientsAreNotPages() {
        // JSON for clients keeps its own caching rules (the JWKS and metadata may be cached)
        Response jwks = given().when().get("/jwks");
        assertEquals(200, jwks.statusCode());
        assertNull(jwks.getHeader("Content-Security-Policy"));
        assertNull(jwks.getHeader("X-Frame-Options"));
    }
}
