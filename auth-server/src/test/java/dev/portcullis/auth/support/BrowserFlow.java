package dev.portcullis.auth.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.portcullis.common.oauth.Pkce;
import dev.portcullis.testing.ScriptedBrowser;
import dev.portcullis.testing.SignInPages;
import dev.portcullis.testing.SignInPages.FormPost;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The authorization flow over REST Assured against the application under test, step by step (authorize, sign in,
 * consent), so that tests can check each answer. Which fields the pages' forms are sent with is
 * {@link SignInPages}'s business, and the whole walk for a code is {@link ScriptedBrowser}'s (both in test-support,
 * shared with e2e).
 */
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
        FormPost form = SignInPages.signIn(signInPage, username, password);
        return given().redirects().follow(false).contentType(ContentType.URLENC)
                .cookie(PRE_SESSION_COOKIE, preSessionCookie(signInPage))
                .formParams(form.fields())
                .when().post(form.action());
    }

    /** Submits the consent form with a decision, carrying the session cookie. */
    public static Response decide(Document consentPage, String sessionCookie, String decision) {
        FormPost form = SignInPages.consent(consentPage, decision);
        return given().redirects().follow(false).contentType(ContentType.URLENC)
                .cookie("portcullis_session", sessionCookie)
                .formParams(form.fields())
                .when().post(form.action());
    }

    /**
     * Authorize, sign in as alice, approve (or find consent remembered), as the scripted browser does: the parameters
     * of the final redirect (code, state, iss).
     */
    public static Map<String, String> approvedRedirect(Map<String, String> params) {
        URI authorize = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/authorize?" + ScriptedBrowser.form(params));
        URI redirect = new ScriptedBrowser().authorize(authorize, USERNAME, PASSWORD, "approve");
        Map<String, String> query = ScriptedBrowser.query(redirect);
        assertNotNull(query.get("code"), "the approval redirects with a code: " + redirect);
        return query;
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

    /** The tokens (a 200 answer) a fresh code of the public client is exchanged for. */
    public static JsonPath tokens(String clientId) {
        String verifier = newVerifier();
        return exchange(clientId, code(clientId, verifier), verifier).then().statusCode(200).extract().jsonPath();
    }

    public static Response refresh(String clientId, String refreshToken) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token")
                .formParam("client_id", clientId)
                .formParam("refresh_token", refreshToken)
                .when().post("/token");
    }

    /** The token endpoint's refusal of a code or refresh token: 400 invalid_grant with this description (RFC 6749 §5.2). */
    public static void assertInvalidGrant(Response response, String description) {
        response.then().statusCode(400).body("error", equalTo("invalid_grant")).body("error_description", equalTo(description));
    }

    /** Asks the introspection endpoint about the token as a confidential client ({@code client_secret_basic}). */
    public static Response introspect(JsonPath client, String token) {
        return given().contentType(ContentType.URLENC).auth().preemptive()
                .basic(client.getString("client_id"), client.getString("client_secret"))
                .formParam("token", token).when().post("/introspect");
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
        return SignInPages.hidden(page, name);
    }

    /** The decoded query parameters of a redirect location. */
    public static Map<String, String> query(String location) {
        return ScriptedBrowser.query(URI.create(location));
    }

    /** The redirect location without its query. */
    public static String base(String location) {
        URI uri = URI.create(location);
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }
}
