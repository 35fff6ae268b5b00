package dev.portcullis.auth.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.auth.support.BrowserFlow;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** %test.portcullis.cors.origins=http://localhost:6274,https://app.example */
@QuarkusTest
class CorsTest {

    private static final String ALLOWED = "http://localhost:6274";
    private static final String OTHER = "https://evil.example";
    private static final List<String> CORS_PATHS = List.of("/.well-known/oauth-authorization-server",
            "/.well-known/openid-configuration", "/register", "/register/some-client", "/token", "/revoke", "/jwks");

    private static Response preflight(String path, String origin, String method, String headers) {
        var request = given().header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return request.when().options(path);
    }

    @Test
    void anAllowedOriginReadsTheMetadataAndTheJwks() {
        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration", "/jwks")) {
            given().header("Origin", ALLOWED).when().get(path).then().statusCode(200)
                    .header("Access-Control-Allow-Origin", ALLOWED)
                    .header("Vary", containsString("Origin"))
                    .header("Access-Control-Allow-Credentials", org.hamcrest.Matchers.not("true"));
        }
        given().header("Origin", "https://app.example").when().get("/jwks").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example").body("keys.size()", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void anAllowedOriginRegistersAndGetsTokensAfterPreflight() {
        for (String path : CORS_PATHS) {
            Response ok = preflight(path, ALLOWED, "POST", "content-type,authorization");
            assertEquals(200, ok.statusCode(), path + ": " + ok.asString());
            assertEquals(ALLOWED, ok.getHeader("Access-Control-Allow-Origin"), path);
            assertTrue(ok.getHeader("Access-Control-Allow-Methods").contains("POST"), path);
            assertTrue(ok.getHeader("Access-Control-Allow-Headers").toLowerCase().contains("authorization"), path);
            assertTrue(ok.getHeader("Access-Control-Allow-Headers").toLowerCase().contains("content-type"), path);
            assertEquals("3600", ok.getHeader("Access-Control-Max-Age"), path);
        }
        String clientId = given().header("Origin", ALLOWED).contentType(ContentType.JSON)
                .body(Map.of("client_name", "Browser client", "redirect_uris", List.of(BrowserFlow.REDIRECT_URI),
                        "token_endpoint_auth_method", "none", "grant_types", List.of("authorization_code", "refresh_token")))
                .when().post("/register").then().statusCode(201).header("Access-Control-Allow-Origin", ALLOWED)
                .extract().path("client_id");
        String verifier = BrowserFlow.newVerifier();
        String code = BrowserFlow.code(clientId, verifier);
        given().header("Origin", ALLOWED).contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", clientId).formParam("code", code).formParam("redirect_uri", BrowserFlow.REDIRECT_WITH_PORT)
                .formParam("code_verifier", verifier).formParam("resource", BrowserFlow.RESOURCE)
                .when().post("/token").then().statusCode(200).header("Access-Control-Allow-Origin", ALLOWED)
                .body("token_type", equalTo("Bearer"));
        // An OAuth error is readable too, with its WWW-Authenticate challenge exposed
        given().header("Origin", ALLOWED).contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .auth().preemptive().basic("nobody", "nothing")
                .when().post("/token").then().statusCode(401).header("Access-Control-Allow-Origin", ALLOWED)
                .header("Access-Control-Expose-Headers", containsString("WWW-Authenticate"))
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void anotherOriginGetsNoCorsHeadersAndAJsonRefusal() {
        for (String path : CORS_PATHS) {
            Response refused = preflight(path, OTHER, "POST", "content-type");
            assertEquals(403, refused.statusCode(), path);
            assertNull(refused.getHeader("Access-Control-Allow-Origin"), path);
            assertEquals("invalid_request", refused.jsonPath().getString("error"), path);
        }
        Response get = given().header("Origin", OTHER).when().get("/jwks");
        assertEquals(403, get.statusCode());
        assertNull(get.getHeader("Access-Control-Allow-Origin"));
        assertTrue(get.getContentType().startsWith("application/json"));
        assertEquals("Cross-origin requests from this origin are not allowed", get.jsonPath().getString("error_description"));
        // A simple (non-preflighted) form post from another origin is refused before it is processed
        given().header("Origin", "null").contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .when().post("/token").then().statusCode(403).header("Access-Control-Allow-Origin", nullValue())
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void requestsWithoutOriginOrFromTheIssuerItselfAreNotCorsRequests() {
        given().when().get("/jwks").then().statusCode(200).header("Access-Control-Allow-Origin", nullValue())
                .header("Vary", containsString("Origin"));
        given().header("Origin", BrowserFlow.ISSUER).when().get("/jwks").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theBrowserPagesAndIntrospectionNeverAnswerCors() {
        String clientId = BrowserFlow.registerClient("CORS pages test");
        Map<String, String> params = BrowserFlow.authorizeParams(clientId, BrowserFlow.newVerifier());
        for (String path : List.of("/authorize", "/authorize/sign-in", "/authorize/consent", "/account", "/account/sign-in",
                "/account/revoke", "/introspect")) {
            Response preflight = preflight(path, ALLOWED, "POST", "content-type");
            assertNull(preflight.getHeader("Access-Control-Allow-Origin"), path);
            assertNull(preflight.getHeader("Access-Control-Allow-Methods"), path);
        }
        Response page = given().redirects().follow(false).header("Origin", ALLOWED).queryParams(params).when().get("/authorize");
        assertEquals(200, page.statusCode());
        assertNull(page.getHeader("Access-Control-Allow-Origin"));
        Response account = given().header("Origin", ALLOWED).when().get("/account");
        assertNull(account.getHeader("Access-Control-Allow-Origin"));
        Response introspect = given().header("Origin", ALLOWED).contentType(ContentType.URLENC).formParam("token", "x")
                .when().post("/introspect");
        assertEquals(401, introspect.statusCode());
        assertNull(introspect.getHeader("Access-Control-Allow-Origin"));
    }
}
