package dev.portcullis.auth.authorize;

import static dev.portcullis.auth.support.BrowserFlow.authorize;
import static dev.portcullis.auth.support.BrowserFlow.authorizeParams;
import static dev.portcullis.auth.support.BrowserFlow.page;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignInResourceTest {

    @Inject
    MutableClock clock;

    private Document signInPage;
    private Map<String, String> params;

    @BeforeEach
    void openSignInPage() {
        params = authorizeParams(BrowserFlow.registerClient("Sign-in Test App"), BrowserFlow.newVerifier());
        signInPage = page(authorize(params));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void rightCredentialsStartASessionAndShowConsentNamingClientScopesAndResource() {
        Response response = BrowserFlow.signIn(signInPage, "alice", "alice");
        assertEquals(200, response.statusCode());
        assertEquals("DENY", response.getHeader("X-Frame-Options"));

        Cookie session = response.getDetailedCookie("portcullis_session");
        assertNotNull(session);
        assertTrue(session.isHttpOnly());
        assertEquals("Lax", session.getSameSite());
        assertEquals("/", session.getPath());
        assertFalse(session.isSecured(), "http issuer: no Secure flag");

        Document consent = page(response);
        assertEquals("Sign-in Test App", consent.selectFirst("#client-name").text());
        assertEquals(List.of("mcp:tools", "notes:read"), consent.select("#scopes li").eachText());
        assertEquals(BrowserFlow.RESOURCE, consent.selectFirst("#resource").text());
        assertEquals("alice", consent.selectFirst("#username").text());
        Element form = consent.selectFirst("form[method=post]");
        assertEquals("/authorize/consent", form.attr("action"));
        assertNotNull(form.selectFirst("button[type=submit][name=decision][value=approve]"));
        assertNotNull(form.selectFirst("button[type=submit][name=decision][value=deny]"));
        assertEquals(BrowserFlow.hidden(signInPage, "request_id"), BrowserFlow.hidden(consent, "request_id"));
    }

    @Test
    void wrongPasswordReShowsTheFormWithAnErrorAndNoSession() {
        Response response = BrowserFlow.signIn(signInPage, "alice", "wrong");
        assertEquals(401, response.statusCode());
        assertNull(response.getCookie("portcullis_session"));
        Document page = page(response);
        assertEquals("Incorrect username or password.", page.selectFirst("#error").text());
        assertEquals("alice", page.selectFirst("input[name=username]").attr("value"));
        assertNotNull(page.selectFirst("input[type=password][name=password]"));
    }

    @Test
    void unknownUserGetsTheSameMessageAsAWrongPassword() {
        Response response = BrowserFlow.signIn(signInPage, "mallory", "alice");
        assertEquals(401, response.statusCode());
        assertEquals("Incorrect username or password.", page(response).selectFirst("#error").text());
    }

    @Test
    void badCsrfTokenShowsAnErrorPage() {
        Response response = postByHand(BrowserFlow.hidden(signInPage, "request_id"), "forged");
        assertTrue(assertErrorPage(response).contains("could not be verified"));
    }

    /**
     * Login CSRF: the attacker takes a request_id/csrf_token pair from a sign-in page shown in their own browser and
     * makes the victim's browser post it with the attacker's credentials. The victim's browser holds another
     * pre-session cookie (or none): refused, and no session is started.
     */
    @Test
    void aFormFromAnotherBrowserIsRefusedAndStartsNoSession() {
        Document attackersPage = page(authorize(authorizeParams(BrowserFlow.registerClient("Attacker's app"),
                BrowserFlow.newVerifier())));
        String victimsCookie = given().when().get("/account").getCookie(BrowserFlow.PRE_SESSION_COOKIE);
        assertNotNull(victimsCookie);
        assertFalse(victimsCookie.equals(BrowserFlow.preSessionCookie(attackersPage)));
        for (String cookie : new String[] {victimsCookie, null}) {
            var post = given().redirects().follow(false).contentType(ContentType.URLENC);
            if (cookie != null) {
                post.cookie(BrowserFlow.PRE_SESSION_COOKIE, cookie);
            }
            Response response = post.formParam("request_id", BrowserFlow.hidden(attackersPage, "request_id"))
                    .formParam("csrf_token", BrowserFlow.hidden(attackersPage, "csrf_token"))
                    .formParam("username", "alice").formParam("password", "alice")
                    .when().post("/authorize/sign-in");
            assertTrue(assertErrorPage(response).contains("could not be verified"), response.asString());
            assertTrue(response.getContentType().startsWith("text/html"), response.getContentType());
            assertNull(page(response).selectFirst("input[name=password]"), "no sign-in form to retry with");
        }
        // The attacker's own browser can still use its own form: the pair is bound to it, not burnt
        assertEquals(200, BrowserFlow.signIn(attackersPage, "alice", "alice").statusCode());
    }

    @Test
    void theSignInFormIsBoundToAPreSessionCookieThatTabsShare() {
        Response first = authorize(params);
        Cookie cookie = first.getDetailedCookie(BrowserFlow.PRE_SESSION_COOKIE);
        assertNotNull(cookie);
        assertTrue(cookie.isHttpOnly());
        assertEquals("Lax", cookie.getSameSite());
        assertEquals("/", cookie.getPath());
        assertEquals(600, cookie.getMaxAge());
        assertNotNull(page(first).selectFirst("input[type=hidden][name=csrf_token]"));
        // A second tab: the browser sends its cookie, which is kept, so the first tab's form stays valid
        Response second = given().redirects().follow(false).cookie(BrowserFlow.PRE_SESSION_COOKIE, cookie.getValue())
                .queryParams(params).when().get("/authorize");
        assertEquals(cookie.getValue(), second.getCookie(BrowserFlow.PRE_SESSION_COOKIE));
        assertEquals(200, BrowserFlow.signIn(page(first), "alice", "alice").statusCode());
        assertEquals(200, BrowserFlow.signIn(page(second), "alice", "alice").statusCode());
    }

    @Test
    void aBrowserPostingFromTheIssuersOwnPageSignsIn() {
        Response response = given().redirects().follow(false).contentType(ContentType.URLENC)
                .header("Origin", BrowserFlow.ISSUER).header("Sec-Fetch-Site", "same-origin")
                .cookie(BrowserFlow.PRE_SESSION_COOKIE, BrowserFlow.preSessionCookie(signInPage))
                .formParam("request_id", BrowserFlow.hidden(signInPage, "request_id"))
                .formParam("csrf_token", BrowserFlow.hidden(signInPage, "csrf_token"))
                .formParam("username", "alice").formParam("password", "alice")
                .when().post("/authorize/sign-in");
        assertEquals(200, response.statusCode(), response.asString());
        assertNotNull(response.getCookie("portcullis_session"));
        assertNotNull(page(response).selectFirst("button[name=decision][value=approve]"));
    }

    @Test
    void unknownRequestIdShowsAnErrorPage() {
        Response response = postByHand("unknown", BrowserFlow.hidden(signInPage, "csrf_token"));
        assertTrue(assertErrorPage(response).contains("unknown or has expired"));
    }

    @Test
    void expiredRequestShowsAnErrorPage() {
        clock.advance(Duration.ofMinutes(11));
        assertTrue(assertErrorPage(BrowserFlow.signIn(signInPage, "alice", "alice")).contains("unknown or has expired"));
    }

    @Test
    void browserWithAValidSessionSkipsSignInAndSeesConsent() {
        Response signedIn = BrowserFlow.signIn(signInPage, "alice", "alice");
        String cookie = signedIn.getCookie("portcullis_session");
        Response again = given().redirects().follow(false).cookie("portcullis_session", cookie)
                .queryParams(params).when().get("/authorize");
        assertEquals(200, again.statusCode());
        Document consent = page(again);
        assertNotNull(consent.selectFirst("button[name=decision][value=approve]"));
        assertNull(consent.selectFirst("input[name=password]"));
    }

    @Test
    void unknownSessionCookieStillShowsSignIn() {
        Response response = given().redirects().follow(false).cookie("portcullis_session", "bogus")
                .queryParams(params).when().get("/authorize");
        assertEquals(200, response.statusCode());
        assertNotNull(page(response).selectFirst("input[name=password]"));
    }

    /** The sign-in form posted by a script: these two hidden fields, alice's credentials, no pre-session cookie. */
    private static Response postByHand(String requestId, String csrfToken) {
        return given().contentType(ContentType.URLENC)
                .formParam("request_id", requestId)
                .formParam("csrf_token", csrfToken)
                .formParam("username", "alice")
                .formParam("password", "alice")
                .when().post("/authorize/sign-in");
    }

    /** Refused with an error page (400) and no sign-in session started; returns the page's message. */
    private static String assertErrorPage(Response response) {
        assertEquals(400, response.statusCode());
        assertNull(response.getCookie("portcullis_session"));
        return page(response).selectFirst("#error").text();
    }
}
