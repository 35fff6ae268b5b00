package dev.portcullis.auth.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.LogCapture;
import dev.portcullis.auth.support.RawHttp;
import dev.portcullis.auth.support.Registrations;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input at every endpoint: NUL and other control characters, broken percent-escapes, unknown charsets,
 * invalid UTF-8, too many or too long parameters, repeated parameters, two Authorization headers. Each is a 400 (413
 * for sizes) in the endpoint's own format, logged on one line without a stack trace, and changes nothing stored.
 */
@QuarkusTest
class MalformedInputTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String BASIC_NUL = "Basic " + Base64.getEncoder().encodeToString("a\0b:c".getBytes(StandardCharsets.UTF_8));
    private static final String BASIC_ESCAPED_NUL = "Basic " + Base64.getEncoder().encodeToString("a%00b:c".getBytes(StandardCharsets.UTF_8));

    /** A request and the answer it must get: {@code error} an OAuth error code, or null for the HTML error page. */
    record Case(String name, String method, String target, byte[] body, List<String> headers, int status, String error) {
        @Override
        public String toString() {
            return name + ": " + method + " " + target;
        }
    }

    private static Case form(String name, String path, String body, int status, String error, String... headers) {
        return formBytes(name, path, FORM, body.getBytes(StandardCharsets.ISO_8859_1), status, error, headers);
    }

    private static Case formBytes(String name, String path, String type, byte[] body, int status, String error, String... headers) {
        List<String> all = new ArrayList<>(List.of("Content-Type", type));
        all.addAll(List.of(headers));
        return new Case(name, "POST", path, body, all, status, error);
    }

    private static Case get(String name, String target, int status, String error, String... headers) {
        return new Case(name, "GET", target, null, List.of(headers), status, error);
    }

    /** The form endpoints with a body each would use: OAuth (JSON errors) and browser pages (error page). */
    private static final Map<String, String> FORM_ENDPOINTS = Map.of(
            "/token", "grant_type=authorization_code&client_id=c&code=x",
            "/revoke", "client_id=c&token=x",
            "/introspect", "client_id=c&token=x",
            "/authorize/sign-in", "request_id=r&csrf_token=x&username=alice&password=x",
            "/authorize/consent", "request_id=r&csrf_token=x&decision=approve",
            "/account/sign-in", "csrf_token=x&username=alice&password=x",
            "/account/revoke", "csrf_token=x&client_id=c");

    private static String errorFor(String path) {
        return path.startsWith("/authorize") || path.startsWith("/account") ? null : "invalid_request";
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String many = IntStream.range(0, 1100).mapToObj(i -> "p" + i + "=v").collect(Collectors.joining("&"));
        String long9k = "x".repeat(9 * 1024);
        String big = "a=" + "x".repeat(70 * 1024);
        FORM_ENDPOINTS.forEach((path, good) -> {
            String e = errorFor(path);
            String[] cookie = path.equals("/account/sign-in") ? new String[] {"Cookie", "portcullis_login_csrf=x"} : new String[0];
            // NUL in the parameters each endpoint looks up in PostgreSQL
            cases.add(form("NUL in client_id/request_id/username", path,
                    good.replace("client_id=c", "client_id=a%00b").replace("request_id=r", "request_id=a%00b")
                            .replace("username=alice", "username=al%00ice"), 400, e, cookie));
            cases.add(form("NUL in an unknown parameter", path, good + "&extra=%00", 400, e, cookie));
            cases.add(form("other control character", path, good + "&extra=a%0Ab", 400, e, cookie));
            cases.add(form("broken percent-escapes", path, "a=%zz&%&=&b=%E0%A4%A", 400, e, cookie));
            cases.add(form("escape cut short", path, good + "&x=%E0%A4%A", 400, e, cookie));
            cases.add(form("lone percent sign", path, good + "&%", 400, e, cookie));
            cases.add(formBytes("unknown charset", path, FORM + "; charset=foo", good.getBytes(StandardCharsets.UTF_8), 400, e, cookie));
            cases.add(formBytes("UTF-16 charset", path, FORM + "; charset=UTF-16", good.getBytes(StandardCharsets.UTF_8), 400, e, cookie));
            byte[] rawInvalid = (good + "&x=").getBytes(StandardCharsets.UTF_8);
            byte[] withBytes = java.util.Arrays.copyOf(rawInvalid, rawInvalid.length + 2);
            withBytes[rawInvalid.length] = (byte) 0xff;
            withBytes[rawInvalid.length + 1] = (byte) 0xfe;
            cases.add(formBytes("invalid UTF-8 bytes", path, FORM, withBytes, 400, e, cookie));
            cases.add(form("invalid UTF-8 percent-encoded", path, good + "&x=%ff%fe", 400, e, cookie));
            cases.add(form("encoded surrogate (CESU-8)", path, good + "&x=%ED%A0%80", 400, e, cookie));
            cases.add(form("1100 parameters", path, many, 400, e, cookie));
            cases.add(form("a 9 KiB value", path, good + "&x=" + long9k, 413, e, cookie));
            cases.add(form("a 70 KiB body", path, big, 413, e, cookie));
            String first = good.substring(0, good.indexOf('&'));
            cases.add(form("repeated parameter", path, good + "&" + first, 400, e, cookie));
        });
        cases.add(form("repeated grant_type", "/token", "grant_type=client_credentials&grant_type=refresh_token", 400, "invalid_request"));
        cases.add(form("repeated resource", "/token", "grant_type=client_credentials&resource=a&resource=b", 400, "invalid_target"));
        cases.add(form("repeated decision", "/authorize/consent", "request_id=r&csrf_token=x&decision=approve&decision=deny", 400, null));

        // Basic credentials whose decoded form carries NUL
        for (String path : List.of("/token", "/revoke", "/introspect")) {
            cases.add(form("NUL in Basic credentials", path, "grant_type=client_credentials&token=x", 400, "invalid_request",
                    "Authorization", BASIC_NUL));
            cases.add(form("escaped NUL in Basic credentials", path, "grant_type=client_credentials&token=x", 400,
                    "invalid_request", "Authorization", BASIC_ESCAPED_NUL));
            cases.add(form("two Authorization headers", path, "grant_type=client_credentials&token=x", 400, "invalid_request",
                    "Authorization", "Basic YTpi", "Authorization", "Basic junk"));
        }

        // Query strings: GET /authorize (error page) and the JSON endpoints
        for (String target : List.of("/authorize?client_id=a%00b&redirect_uri=http://127.0.0.1/cb",
                "/authorize?client_id=c&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb%00",
                "/authorize?client_id=c&state=a%00b", "/authorize?client_id=c&scope=a%0Db",
                "/authorize?client_id=%ff%fe", "/authorize?client_id=%ED%A0%80", "/account?x=%00")) {
            cases.add(get("bad query", target, 400, null));
        }
        for (String target : List.of("/jwks?x=%00", "/jwks?x=%C3", "/.well-known/oauth-authorization-server?x=%0A",
                "/.well-known/openid-configuration?x=%ff")) {
            cases.add(get("bad query", target, 400, "invalid_request"));
        }

        // Registration management: NUL in the path, two Authorization headers
        for (String method : List.of("GET", "DELETE")) {
            cases.add(new Case("NUL in the client id", method, "/register/a%00b", null,
                    List.of("Authorization", "Bearer abc"), 400, "invalid_request"));
            cases.add(new Case("two Authorization headers", method, "/register/abc", null,
                    List.of("Authorization", "Bearer abc", "Authorization", "Bearer def"), 400, "invalid_request"));
        }
        cases.add(new Case("NUL in the client id", "PUT", "/register/a%00b", "{}".getBytes(StandardCharsets.UTF_8),
                List.of("Authorization", "Bearer abc", "Content-Type", "application/json"), 400, "invalid_request"));
        cases.add(new Case("two Authorization headers", "POST", "/register", "{}".getBytes(StandardCharsets.UTF_8),
                List.of("Authorization", "Bearer abc", "Authorization", "Bearer def", "Content-Type", "application/json"),
                400, "invalid_request"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedInputIsRefusedInTheEndpointsFormatAndLoggedOnOneLine(Case c) {
        RawHttp.Answer answer;
        try (LogCapture log = LogCapture.start()) {
            answer = RawHttp.send(c.method(), c.target(), c.body(), c.headers().toArray(String[]::new));
            assertEquals(c.status(), answer.status(), c + " → " + answer);
            log.assertOneRefusalLine(c.toString());
        }
        assertAnswerFormat(c.toString(), answer, c.error());
    }

    static void assertAnswerFormat(String what, RawHttp.Answer answer, String error) {
        assertNotNull(answer.contentType(), what + ": no content type");
        assertEquals("no-store", answer.header("cache-control"), what);
        if (error == null) {
            assertTrue(answer.contentType().startsWith("text/html"), what + " → " + answer);
            var page = Jsoup.parse(answer.body());
            assertEquals("Cannot continue", page.selectFirst("h1").text(), what);
            assertTrue(page.selectFirst("#error").text().startsWith("The request could not be read"), what + " → " + answer);
        } else {
            assertTrue(answer.contentType().startsWith("application/json"), what + " → " + answer);
            JsonPath body = new JsonPath(answer.body());
            assertEquals(error, body.getString("error"), what + " → " + answer);
            assertFalse(body.getString("error_description").isBlank(), what);
            assertEquals(2, body.getMap("").size(), what + ": only error and error_description: " + answer);
        }
    }

    /**
     * Refused by Vert.x before any handler of ours runs: a broken or cut-short escape in the request target, a
     * body over {@code quarkus.http.limits.max-body-size} (1M). Empty answers, but never a 500 and nothing logged.
     */
    @Test
    void whatVertxRefusesItselfIsA400Or413WithoutAServerError() {
        try (LogCapture log = LogCapture.start()) {
            for (String target : List.of("/authorize?client_id=%zz", "/authorize?a=%zz&%&=&b=%E0%A4%A", "/authorize?a=b&%",
                    "/authorize?client_id=%E0%A4%A", "/jwks?x=%zz", "/.well-known/oauth-authorization-server?%E0%A4%A")) {
                assertEquals(400, RawHttp.send("GET", target, (byte[]) null).status(), target);
            }
            assertEquals(413, RawHttp.send("POST", "/register", ("{\"client_name\":\"" + "x".repeat(1100 * 1024) + "\"}")
                    .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json").status());
            assertEquals(413, RawHttp.send("POST", "/authorize/sign-in", ("a=" + "x".repeat(1100 * 1024))
                    .getBytes(StandardCharsets.UTF_8), "Content-Type", FORM).status());
            log.assertNoFailureLogged("Vert.x refusals");
        }
    }

    @Test
    void theDescriptionNamesTheParameterNotItsValue() {
        RawHttp.Answer answer = RawHttp.send("POST", "/token", "grant_type=client_credentials&client_id=secret%00value",
                "Content-Type", FORM);
        assertEquals(400, answer.status());
        String description = new JsonPath(answer.body()).getString("error_description");
        assertEquals("The form body parameter \"client_id\" contains a control character", description);
        assertFalse(answer.body().contains("secret"), answer.body());
    }

    @Test
    void formsLabelledLatin1OrAsciiAreStillRead() {
        JsonPath client = Registrations.secretClient("client_secret_post", List.of("client_credentials"));
        for (String charset : List.of("ISO-8859-1", "us-ascii", "UTF-8", "utf8")) {
            String body = "grant_type=client_credentials&client_id=" + client.getString("client_id") + "&client_secret="
                    + client.getString("client_secret");
            RawHttp.Answer answer = RawHttp.send("POST", "/token", body, "Content-Type", FORM + "; charset=" + charset);
            assertEquals(200, answer.status(), charset + " → " + answer);
        }
    }

    @Test
    void aClientStillWorksAfterMalformedRequestsNamedIt() {
        JsonPath client = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        String id = client.getString("client_id");
        String basic = "Basic " + Base64.getEncoder().encodeToString((id + ":" + client.getString("client_secret"))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, RawHttp.send("POST", "/token", "grant_type=client_credentials&x=%zz", "Content-Type", FORM,
                "Authorization", basic).status());
        assertEquals(400, RawHttp.send("POST", "/token", "grant_type=client_credentials", "Content-Type", FORM,
                "Authorization", basic, "Authorization", "Basic junk").status());
        assertEquals(400, RawHttp.send("POST", "/token", "grant_type=client_credentials&client_secret=x", "Content-Type", FORM,
                "Authorization", basic).status(), "credentials in both the header and the body");
        given().contentType(ContentType.URLENC).header("Authorization", basic).formParam("grant_type", "client_credentials")
                .when().post("/token").then().statusCode(200);
    }

    @Test
    void aPendingSignInSurvivesARefusedForm() {
        var signInPage = BrowserFlow.authorize(BrowserFlow.authorizeParams(BrowserFlow.registerClient("Robust app"),
                BrowserFlow.newVerifier()));
        var page = BrowserFlow.page(signInPage);
        String requestId = BrowserFlow.hidden(page, "request_id");
        String csrf = BrowserFlow.hidden(page, "csrf_token");
        RawHttp.Answer refused = RawHttp.send("POST", "/authorize/sign-in", "request_id=" + requestId + "&csrf_token=" + csrf
                + "&username=alice&password=alice&username=bob", "Content-Type", FORM);
        assertEquals(400, refused.status(), refused.toString());
        var consentPage = BrowserFlow.signIn(page, BrowserFlow.USERNAME, BrowserFlow.PASSWORD);
        assertEquals(200, consentPage.statusCode(), consentPage.asString());
    }
}
