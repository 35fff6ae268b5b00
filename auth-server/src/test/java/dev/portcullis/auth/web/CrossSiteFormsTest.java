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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Every browser form refuses a post from another site by Origin and Sec-Fetch-Site, and accepts one from its own. */
@QuarkusTest
class CrossSiteFormsTest {

    /** What a browser sends for a form posted from another site, or from a sandboxed frame ({@code Origin: null}). */
    private static final List<Map<String, String>> CROSS_SITE = List.of(
            Map.of("Origin", "https://evil.example"),
            Map.of("Origin", "null"),
            Map.of("Origin", "http://localhost:9000.evil.example"),
            Map.of("Origin", "https://localhost:9000"),
            Map.of("Sec-Fetch-Site", "cross-site"),
            Map.of("Sec-Fetch-Site", "same-site"),
            Map.of("Origin", BrowserFlow.ISSUER, "Sec-Fetch-Site", "cross-site"));

    /** What a browser sends for a form posted from the issuer's own page. */
    private static final List<Map<String, String>> SAME_ORIGIN = List.of(
            Map.of("Origin", BrowserFlow.ISSUER, "Sec-Fetch-Site", "same-origin"),
            Map.of("Sec-Fetch-Site", "none"),
            Map.of());

    private record Form(String action, Map<String, String> cookies, Map<String, String> fields) {
        Response post(Map<String, String> headers) {
            return given().redirects().follow(false).contentType(ContentType.URLENC).headers(headers).cookies(cookies)
                    .formParams(fields).when().post(action);
        }
    }

    private static Form signInForm() {
        Document signIn = page(BrowserFlow.authorize(BrowserFlow.authorizeParams(
                BrowserFlow.registerClient("Cross-site test app"), BrowserFlow.newVerifier())));
        return new Form("/authorize/sign-in", Map.of(BrowserFlow.PRE_SESSION_COOKIE, BrowserFlow.preSessionCookie(signIn)),
                Map.of("request_id", BrowserFlow.hidden(signIn, "request_id"), "csrf_token", BrowserFlow.hidden(signIn, "csrf_token"),
                        "username", BrowserFlow.USERNAME, "password", BrowserFlow.PASSWORD));
    }

    private static Form consentForm() {
        Response consent = signInForm().post(Map.of());
        assertEquals(200, consent.statusCode(), consent.asString());
        Document page = page(consent);
        return new Form("/authorize/consent", Map.of("portcullis_session", consent.getCookie("portcullis_session")),
                Map.of("request_id", BrowserFlow.hidden(page, "request_id"), "csrf_token", BrowserFlow.hidden(page, "csrf_token"),
                        "decision", "approve"));
    }

    private static Form accountSignInForm() {
        Response account = given().when().get("/account");
        return new Form("/account/sign-in", Map.of(BrowserFlow.PRE_SESSION_COOKIE, account.getCookie(BrowserFlow.PRE_SESSION_COOKIE)),
                Map.of("csrf_token", BrowserFlow.hidden(page(account), "csrf_token"), "username", BrowserFlow.USERNAME,
                        "password", BrowserFlow.PASSWORD));
    }

    /** The revoke form of the account page, for a client alice has approved. */
    private static Form revokeForm() {
        String clientId = BrowserFlow.registerClient("Revoked cross-site");
        BrowserFlow.code(clientId, BrowserFlow.newVerifier());
        String session = accountSignInForm().post(Map.of()).getCookie("portcullis_session");
        Document account = page(given().cookie("portcullis_session", session).when().get("/account"));
        var form = account.select("form[action=/account/revoke]").stream()
                .filter(f -> clientId.equals(f.selectFirst("input[name=client_id]").attr("value"))).findFirst().orElseThrow();
        return new Form("/account/revoke", Map.of("portcullis_session", session),
                Map.of("client_id", clientId, "csrf_token", form.selectFirst("input[name=csrf_token]").attr("value")));
    }

    private static void assertRefused(Response response) {
        assertEquals(403, response.statusCode(), response.asString());
        assertTrue(response.getContentType().startsWith("text/html"), response.getContentType());
        assertTrue(page(response).selectFirst("#error").text().contains("sent from another site"), response.asString());
        assertEquals("DENY", response.getHeader("X-Frame-Options"));
        assertNull(response.getHeader("Location"));
        assertNull(response.getCookie("portcullis_session"));
    }

    @Test
    void theSignInFormRefusesCrossSitePostsAndStartsNoSession() {
        Form form = signInForm();
        CROSS_SITE.forEach(headers -> assertRefused(form.post(headers)));
        for (Map<String, String> headers : SAME_ORIGIN) {
            Response accepted = signInForm().post(headers);
            assertEquals(200, accepted.statusCode(), headers + ": " + accepted.asString());
            assertNotNull(accepted.getCookie("portcullis_session"));
        }
        assertEquals(200, form.post(SAME_ORIGIN.get(0)).statusCode(), "the refused form was still usable from its own page");
    }

    @Test
    void theConsentFormRefusesCrossSitePostsAndIssuesNoCode() {
        Form form = consentForm();
        CROSS_SITE.forEach(headers -> assertRefused(form.post(headers)));
        Response approved = form.post(SAME_ORIGIN.get(0));
        assertEquals(303, approved.statusCode(), approved.asString());
        assertTrue(BrowserFlow.query(approved.getHeader("Location")).containsKey("code"));
    }

    @Test
    void theAccountSignInFormRefusesCrossSitePosts() {
        Form form = accountSignInForm();
        CROSS_SITE.forEach(headers -> assertRefused(form.post(headers)));
        Response signedIn = form.post(SAME_ORIGIN.get(0));
        assertEquals(303, signedIn.statusCode(), signedIn.asString());
        assertNotNull(signedIn.getCookie("portcullis_session"));
    }

    @Test
    void theRevokeFormRefusesCrossSitePostsAndRevokesNothing() {
        Form form = revokeForm();
        CROSS_SITE.forEach(headers -> assertRefused(form.post(headers)));
        Document account = page(given().cookies(form.cookies()).when().get("/account"));
        assertNotNull(account.selectFirst("input[name=client_id][value=" + form.fields().get("client_id") + "]"),
                "still approved after the refused posts");
        assertEquals(303, form.post(SAME_ORIGIN.get(0)).statusCode());
    }

    /** A new form in a template must be added to the tests above (and be under a browser path, or it is unprotected). */
    @Test
    void everyFormOfEveryTemplateIsCoveredAboveAndUnderABrowserPath() throws Exception {
        Pattern action = Pattern.compile("<form\\b[^>]*\\baction=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> templates = Files.list(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.toList()) {
                Matcher m = action.matcher(Files.readString(template));
                while (m.find()) {
                    actions.add(m.group(1));
                }
            }
        }
        assertEquals(new TreeSet<>(List.of("/account/revoke", "/account/sign-in", "/authorize/consent", "/authorize/sign-in")),
                actions);
        actions.forEach(a -> assertTrue(BrowserPaths.isBrowserPage(a), a));
    }

    @Test
    void theIssuersOriginIsSerializedAsBrowsersSendIt() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("http://localhost:9000", "http://localhost:9000");
        cases.put("https://Auth.Example.com/", "https://auth.example.com");
        cases.put("https://auth.example.com:443/tenant", "https://auth.example.com");
        cases.put("https://auth.example.com:8443", "https://auth.example.com:8443");
        cases.put("http://auth.example.com:80", "http://auth.example.com");
        cases.forEach((issuer, origin) -> assertEquals(origin, CrossSiteForms.origin(issuer), issuer));
    }
}
