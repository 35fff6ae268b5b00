package dev.portcullis.auth.introspection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.Registrations;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IntrospectionResourceTest {

    private static Response introspect(JsonPath rs, String token) {
        return given().contentType(ContentType.URLENC).auth().preemptive()
                .basic(rs.getString("client_id"), rs.getString("client_secret"))
                .formParam("token", token).when().post("/introspect");
    }

    @Test
    void anAccessTokenFromTheBrowserFlowIsActiveWithItsClaims() {
        String clientId = BrowserFlow.registerClient("Introspected app");
        String verifier = BrowserFlow.newVerifier();
        String token = BrowserFlow.exchange(clientId, BrowserFlow.code(clientId, verifier), verifier)
                .then().statusCode(200).extract().path("access_token");
        JsonPath rs = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));

        introspect(rs, token).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("active", equalTo(true))
                .body("client_id", equalTo(clientId))
                .body("scope", equalTo("mcp:tools notes:read"))
                .body("username", equalTo("alice"))
                .body("token_type", equalTo("Bearer"))
                .body("aud", contains(BrowserFlow.RESOURCE))
                .body("iss", equalTo(BrowserFlow.ISSUER));
    }

    @Test
    void aRefreshTokenIsDescribedOnlyToItsOwnClient() {
        JsonPath owner = Registrations.secretClient("client_secret_post", List.of("authorization_code", "refresh_token"));
        String clientId = owner.getString("client_id");
        String verifier = BrowserFlow.newVerifier();
        String code = BrowserFlow.code(clientId, verifier);
        String refresh = given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", clientId).formParam("client_secret", owner.getString("client_secret"))
                .formParam("code", code).formParam("redirect_uri", BrowserFlow.REDIRECT_WITH_PORT)
                .formParam("code_verifier", verifier).formParam("resource", BrowserFlow.RESOURCE)
                .when().post("/token").then().statusCode(200).extract().path("refresh_token");

        given().contentType(ContentType.URLENC).formParam("client_id", clientId)
                .formParam("client_secret", owner.getString("client_secret")).formParam("token", refresh)
                .when().post("/introspect").then().statusCode(200)
                .body("active", equalTo(true)).body("token_type", equalTo("refresh_token"));
        JsonPath other = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        introspect(other, refresh).then().statusCode(200).body("$", aMapWithSize(1)).body("active", equalTo(false));
    }

    @Test
    void garbageIsInactive() {
        JsonPath rs = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        introspect(rs, "garbage").then().statusCode(200).body("$", aMapWithSize(1)).body("active", equalTo(false));
        introspect(rs, "a.b.c").then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void publicClientsMayNotIntrospect() {
        String publicClient = BrowserFlow.registerClient("Public introspector");
        given().contentType(ContentType.URLENC).formParam("client_id", publicClient).formParam("token", "x")
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void missingTokenIsInvalidRequestAndBadCredentialsInvalidClient() {
        JsonPath rs = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        given().contentType(ContentType.URLENC).auth().preemptive().basic(rs.getString("client_id"), rs.getString("client_secret"))
                .when().post("/introspect").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().contentType(ContentType.URLENC).auth().preemptive().basic(rs.getString("client_id"), "nope")
                .formParam("token", "x").when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().contentType(ContentType.URLENC).formParam("token", "x").when().post("/introspect")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }
}
