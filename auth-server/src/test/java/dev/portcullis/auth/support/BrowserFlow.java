package dev.portcullis.auth.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.common.oauth.Pkce;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Drives the authorization flow over HTTP the way a browser would: authorize, sign in, consent. */
public final class BrowserFlow {

    public static final String ISSUER = "http://localhost:9000";
    public static final String RESOURCE = "http://localhost:8080/mcp";
    public static final String REDIRECT_URI = "http://127.0.0.1/callback";
    /** The same loopback redirect with the ephemeral port a native client really listens on. */
    public static final String REDIRECT_WITH_PORT = "http://127.0.0.1:53682/callback";
    public static final String USERNAME = "alice";
    public static final String PASSWORD = "alice";
    /** The pre-session cookie the sign-in forms are bound to (dev.portcullis.auth.web.BrowserForms). */
    public static final String PRE_SESSION_COOKIE = "portcullis_login_csrf";
    /** Where {@link #page} keeps the pre-session cookie that came with a page, as a browser keeps it. */
    private static final String PAGE_COOKIE_ATTRIBUTE = "data-test-pre-session-cookie";
    private static final SecureRandom RANDOM = new SecureRandom();

    private BrowserFlow() {
    }

    /** Registers a public client with both grants; returns its client_id. */
    public static String registerClient(String name) {
        return registerClient(name, List.of("authorization_code", "refresh_token"));
    }

    public static String registerClient(String name, List<String> grantTypes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", name);
        body.put("redirect_uris", List.of(REDIRECT_URI));
        body.put("grant_types", grantTypes);
        body.put("token_endpoint_auth_method", "none");
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/register")
                .then().statusCode(201)
                .extract().path("client_id");
    }

    public static String newVerifier() {
        return Pkce.newVerifier(RANDOM);
    }

    /** A complete, valid authorization request's parameters. */
    public static Map<String, String> authorizeParams(String clientId, String verifier) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", REDIRECT_WITH_PORT);
        params.put("state", "state-" + RANDOM.nextInt(1_000_000));
        params.put("code_challenge", Pkce.challengeS256(verifier));
        params.put("code_challenge_method", "S256");
        params.put("resource", RESOURCE);
        params.put("scope", "mcp:tools notes:read");
        return params;
    }

    public static Response authorize(Map<String, String> params) {
        return given().redirects().follow(false).queryParams(params).when().get("/authorize");
    }

    /**
     * Submits the sign-in form found in the page with the given credentials, with the pre-session cookie that came
     * with the page (as the browser that was shown the page would).
     */
    public static Response signIn(Document signInPage, String username, String password) {
        return given().redirects().follow(false).contentType(ContentType.URLENC)
                .cookie(PRE_SESSION_COOKIE, preSessionCookie(signInPage))
                .formParam("request_id", hidden(signInPage, "request_id"))
                .formParam("csrf_token", hidden(signInPage, "csrf_token"))
                .formParam("username", username)
                .formParam("password", password)
                .when().post("/authorize/sign-in");
    }

    /** Submits the consent form with a decision, carrying the session cookie. */
    public static Response decide(Document consentPage, String sessionCookie, String decision) {
        return given().redirects().follow(false).contentType(ContentType.URLENC)
                .cookie("portcullis_session", sessionCookie)
                .formParam("request_id", hidden(consentPage, "request_id"))
                .formParam("csrf_token", hidden(consentPage, "csrf_token"))
                .formParam("decision", decision)
                .when().post("/authorize/consent");
    }

    /** Authorize, sign in as alice, approve: the parameters of the final redirect (code, state, iss). */
    public static Map<String, String> approvedRedirect(Map<String, String> params) {
        Response signInPage = authorize(params);
        assertEquals(200, signInPage.statusCode(), signInPage.asString());
        Response consentPage = signIn(page(signInPage), USERNAME, PASSWORD);
        if (consentPage.statusCode() == 303) {
            return query(consentPage.getHeader("Location")); // consent remembered from an earlier approval
        }
        assertEquals(200, consentPage.statusCode(), consentPage.asString());
        Response redirect = decide(page(consentPage), consentPage.getCookie("portcullis_session"), "approve");
        assertEquals(303, redirect.statusCode(), redirect.asString());
        return query(redirect.getHeader("Location"));
    }

    /** A fresh code for the client, with the verifier it was bound to. */
    public static String code(String clientId, String verifier) {
        return approvedRedirect(authorizeParams(clientId, verifier)).get("code");
    }

    public static Response exchange(String clientId, String code, String verifier) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code")
                .formParam("client_id", clientId)
                .formParam("code", code)
                .formParam("redirect_uri", REDIRECT_WITH_PORT)
                .formParam("code_verifier", verifier)
                .formParam("resource", RESOURCE)
                .when().post("/token");
    }

    public static Response refresh(String clientId, String refreshToken) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token")
                .formParam("client_id", clientId)
                .formParam("refresh_token", refreshToken)
                .when().post("/token");
    }

    /** The page, remembering the pre-session cookie that came with it (see {@link #preSessionCookie}). */
    public static Document page(Response response) {
        Document page = Jsoup.parse(response.asString());
        String cookie = response.getCookie(PRE_SESSION_COOKIE);
        if (cookie != null) {
            page.attr(PAGE_COOKIE_ATTRIBUTE, cookie);
        }
        return page;
    }

    /** The pre-session cookie set with the page, or "" when none came with it. */
    public static String preSessionCookie(Document page) {
        return page.attr(PAGE_COOKIE_ATTRIBUTE);
    }

    public static String hidden(Document page, String name) {
        return page.selectFirst("input[type=hidden][name=" + name + "]").attr("value");
    }

    /** The decoded query parameters of a redirect location. */
    public static Map<String, String> query(String location) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(location).getRawQuery();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** The redirect location without its query. */
    public static String base(String location) {
        URI uri = URI.create(location);
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }
}
