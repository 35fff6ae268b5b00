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

    /** A member of the wrong JSON type: invalid_client_metadata, naming the member. */
    private static Case wrongType(String name, String body, String member) {
        return new Case(name, body, "invalid_client_metadata", member + " has the wrong JSON type");
    }

    /** A string member with a control character: invalid_client_metadata, naming the member. */
    private static Case controlCharacter(String name, String body, String member) {
        return new Case(name, body, "invalid_client_metadata", member + " contains a control character");
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
                wrongType("boolean client_name", "{\"client_name\":true," + VALID + "}", "client_name"),
                wrongType("number client_name", "{\"client_name\":12," + VALID + "}", "client_name"),
                wrongType("float scope", "{\"scope\":1.5," + VALID + "}", "scope"),
                wrongType("object client_name", "{\"client_name\":{\"a\":1}," + VALID + "}", "client_name"),
                wrongType("array client_uri", "{\"client_uri\":[\"https://a.example\"]," + VALID + "}", "client_uri"),
                wrongType("string grant_types", "{\"grant_types\":\"authorization_code\"," + VALID + "}", "grant_types"),
                wrongType("redirect_uris a string", "{\"redirect_uris\":\"http://127.0.0.1/cb\"}", "redirect_uris"),
                wrongType("redirect_uris with a number", "{\"redirect_uris\":[\"http://127.0.0.1/cb\",1]}", "redirect_uris[1]"),
                wrongType("redirect_uris with a boolean", "{\"redirect_uris\":[true]}", "redirect_uris[0]"),
                wrongType("redirect_uris nested", "{\"redirect_uris\":[[\"http://127.0.0.1/cb\"]]}", "redirect_uris[0]"),
                wrongType("redirect_uris an object", "{\"redirect_uris\":{\"a\":\"http://127.0.0.1/cb\"}}", "redirect_uris"),
                controlCharacter("NUL in client_name", "{\"client_name\":\"a\\u0000b\"," + VALID + "}", "client_name"),
                controlCharacter("line break in client_name", "{\"client_name\":\"a\\nb\"," + VALID + "}", "client_name"),
                controlCharacter("unpaired surrogate", "{\"client_name\":\"a\\ud800\"," + VALID + "}", "client_name"),
                new Case("NUL in a redirect URI", "{\"redirect_uris\":[\"http://127.0.0.1/c\\u0000b\"]}", "invalid_redirect_uri",
                        "redirect_uris[0] contains a control character"),
                controlCharacter("NUL in scope", "{\"scope\":\"mcp:tools\\u0000\"," + VALID + "}", "scope"),
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
