package dev.portcullis.auth.registration;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.LogCapture;
import dev.portcullis.auth.support.Registrations;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Registration (RFC 7591 §3.1) and update (RFC 7592 §2.2) bodies are read strictly: no trailing content, no duplicate
 * member, no number or boolean for a string, no control character, redirect URIs without userinfo or fragment. Each is
 * 400 {@code invalid_client_metadata} (RFC 7591 §3.2.2; {@code invalid_redirect_uri} for a bad redirect URI) naming the member, and
 * nothing is stored or changed.
 */
@QuarkusTest
class StrictRegistrationJsonTest {

    private static final String VALID = "\"redirect_uris\":[\"http://127.0.0.1/cb\"],\"token_endpoint_auth_method\":\"none\"";

    record Case(String name, String body, String error, String description) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("trailing garbage", "{" + VALID + "}xyz", "invalid_client_metadata", "The body is not valid JSON"),
                new Case("a trailing string", "{" + VALID + "} \"x\"", "invalid_client_metadata",
                        "Unexpected content after the JSON object"),
                new Case("a second object", "{" + VALID + "}{}", "invalid_client_metadata", "Unexpected content after the JSON object"),
                new Case("duplicate member", "{\"client_name\":\"a\",\"client_name\":\"b\"," + VALID + "}",
                        "invalid_client_metadata", "Duplicate member: client_name"),
                new Case("duplicate redirect_uris", "{" + VALID + ",\"redirect_uris\":[\"https://evil.example/cb\"]}",
                        "invalid_client_metadata", "Duplicate member: redirect_uris"),
                new Case("boolean client_name", "{\"client_name\":true," + VALID + "}", "invalid_client_metadata",
                        "client_name has the wrong JSON type"),
                new Case("number client_name", "{\"client_name\":12," + VALID + "}", "invalid_client_metadata",
                        "client_name has the wrong JSON type"),
                new Case("float scope", "{\"scope\":1.5," + VALID + "}", "invalid_client_metadata", "scope has the wrong JSON type"),
                new Case("object client_name", "{\"client_name\":{\"a\":1}," + VALID + "}", "invalid_client_metadata",
                        "client_name has the wrong JSON type"),
                new Case("array client_uri", "{\"client_uri\":[\"https://a.example\"]," + VALID + "}", "invalid_client_metadata",
                        "client_uri has the wrong JSON type"),
                new Case("string grant_types", "{\"grant_types\":\"authorization_code\"," + VALID + "}", "invalid_client_metadata",
                        "grant_types has the wrong JSON type"),
                new Case("redirect_uris a string", "{\"redirect_uris\":\"http://127.0.0.1/cb\"}", "invalid_client_metadata",
                        "redirect_uris has the wrong JSON type"),
                new Case("redirect_uris with a number", "{\"redirect_uris\":[\"http://127.0.0.1/cb\",1]}", "invalid_client_metadata",
                        "redirect_uris[1] has the wrong JSON type"),
                new Case("redirect_uris with a boolean", "{\"redirect_uris\":[true]}", "invalid_client_metadata",
                        "redirect_uris[0] has the wrong JSON type"),
                new Case("redirect_uris nested", "{\"redirect_uris\":[[\"http://127.0.0.1/cb\"]]}", "invalid_client_metadata",
                        "redirect_uris[0] has the wrong JSON type"),
                new Case("redirect_uris an object", "{\"redirect_uris\":{\"a\":\"http://127.0.0.1/cb\"}}", "invalid_client_metadata",
                        "redirect_uris has the wrong JSON type"),
                new Case("NUL in client_name", "{\"client_name\":\"a\\u0000b\"," + VALID + "}", "invalid_client_metadata",
                        "client_name contains a control character"),
                new Case("line break in client_name", "{\"client_name\":\"a\\nb\"," + VALID + "}", "invalid_client_metadata",
                        "client_name contains a control character"),
                new Case("unpaired surrogate", "{\"client_name\":\"a\\ud800\"," + VALID + "}", "invalid_client_metadata",
                        "client_name contains a control character"),
                new Case("NUL in a redirect URI", "{\"redirect_uris\":[\"http://127.0.0.1/c\\u0000b\"]}", "invalid_redirect_uri",
                        "redirect_uris[0] contains a control character"),
                new Case("NUL in scope", "{\"scope\":\"mcp:tools\\u0000\"," + VALID + "}", "invalid_client_metadata",
                        "scope contains a control character"),
                new Case("userinfo in an https redirect URI", "{\"redirect_uris\":[\"https://user:pw@host.example/cb\"]}",
                        "invalid_redirect_uri", "redirect_uris[0] must be an absolute https URI, or http on a loopback host, "
                                + "without userinfo or fragment"),
                new Case("userinfo in a loopback redirect URI", "{\"redirect_uris\":[\"http://127.0.0.1/cb\",\"http://u@127.0.0.1/cb\"]}",
                        "invalid_redirect_uri", "redirect_uris[1] must be an absolute https URI, or http on a loopback host, "
                                + "without userinfo or fragment"),
                new Case("fragment", "{\"redirect_uris\":[\"https://host.example/cb#x\"]}", "invalid_redirect_uri",
                        "redirect_uris[0] must be an absolute https URI, or http on a loopback host, without userinfo or fragment"),
                new Case("empty fragment", "{\"redirect_uris\":[\"https://host.example/cb#\"]}", "invalid_redirect_uri",
                        "redirect_uris[0] must be an absolute https URI, or http on a loopback host, without userinfo or fragment"),
                new Case("userinfo in client_uri", "{\"client_uri\":\"https://good.example@evil.example/\"," + VALID + "}",
                        "invalid_client_metadata", "client_uri must be an absolute https URI without userinfo or fragment"),
                new Case("not JSON", "{\"client_name\":", "invalid_client_metadata", "The body is not valid JSON"),
                new Case("cut off in redirect_uris", "{\"redirect_uris\": [", "invalid_client_metadata", "The body is not valid JSON"),
                new Case("an array", "[" + "{" + VALID + "}]", "invalid_client_metadata",
                        "The body is not a valid client metadata JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void registrationRefusesAndStoresNothing(Case c) {
        long before = clients();
        Response answer;
        try (LogCapture log = LogCapture.start()) {
            answer = given().contentType(ContentType.JSON).body(c.body()).when().post("/register");
            log.assertNoFailureLogged(c.name());
        }
        assertRefused(c, answer);
        assertEquals(before, clients(), c.name() + ": a client was stored");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void updateRefusesAndChangesNothing(Case c) {
        JsonPath client = Registrations.register(new LinkedHashMap<>(Map.of("client_name", "Kept", "redirect_uris",
                List.of(BrowserFlow.REDIRECT_URI), "token_endpoint_auth_method", "none")));
        String id = client.getString("client_id");
        String uri = "/register/" + id;
        String token = client.getString("registration_access_token");
        String body = c.body().startsWith("{") ? "{\"client_id\":\"" + id + "\"," + c.body().substring(1) : c.body();
        Response answer;
        try (LogCapture log = LogCapture.start()) {
            answer = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().put(uri);
            log.assertNoFailureLogged(c.name());
        }
        assertRefused(c, answer);
        JsonPath stored = given().auth().oauth2(token).when().get(uri).then().statusCode(200).extract().jsonPath();
        assertEquals("Kept", stored.getString("client_name"), c.name());
        assertEquals(List.of(BrowserFlow.REDIRECT_URI), stored.getList("redirect_uris"), c.name());
        // and the client still works
        BrowserFlow.authorize(BrowserFlow.authorizeParams(id, BrowserFlow.newVerifier())).then().statusCode(200);
    }

    private static long clients() {
        return QuarkusTransaction.requiringNew().call(() -> Client.count());
    }

    private static void assertRefused(Case c, Response answer) {
        assertEquals(400, answer.statusCode(), c.name() + ": " + answer.asString());
        assertEquals("application/json", answer.contentType().split(";")[0], c.name());
        assertEquals(c.error(), answer.jsonPath().getString("error"), c.name() + ": " + answer.asString());
        assertEquals(c.description(), answer.jsonPath().getString("error_description"), c.name());
    }

    @Test
    void anUpdateReplacesTheMetadataAndKeepsTheClient() {
        JsonPath client = Registrations.register(new LinkedHashMap<>(Map.of("client_name", "Before", "redirect_uris",
                List.of(BrowserFlow.REDIRECT_URI), "token_endpoint_auth_method", "none")));
        String id = client.getString("client_id");
        String token = client.getString("registration_access_token");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("client_id", id, "client_name", "After", "redirect_uris", List.of("http://127.0.0.1/other"),
                        "token_endpoint_auth_method", "none"))
                .when().put("/register/" + id)
                .then().statusCode(200).body("client_name", org.hamcrest.Matchers.equalTo("After"))
                .body("client_id", org.hamcrest.Matchers.equalTo(id));
        given().auth().oauth2(token).when().get("/register/" + id).then().statusCode(200)
                .body("redirect_uris", org.hamcrest.Matchers.equalTo(List.of("http://127.0.0.1/other")));
    }

    @Test
    void anUpdateMustNameTheClient() {
        JsonPath client = Registrations.register(new LinkedHashMap<>(Map.of("redirect_uris", List.of(BrowserFlow.REDIRECT_URI),
                "token_endpoint_auth_method", "none")));
        given().auth().oauth2(client.getString("registration_access_token")).contentType(ContentType.JSON)
                .body(Map.of("client_id", "someone-else", "redirect_uris", List.of(BrowserFlow.REDIRECT_URI)))
                .when().put("/register/" + client.getString("client_id"))
                .then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("invalid_client_metadata"));
    }
}
