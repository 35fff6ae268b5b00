package dev.portcullis.auth.revocation;

import static io.restassured.RestAssured.given;
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
class RevocationResourceTest {

    private static Response revoke(String clientId, String token) {
        return given().contentType(ContentType.URLENC).formParam("client_id", clientId).formParam("token", token)
                .when().post("/revoke");
    }

    private static Response introspect(JsonPath rs, String token) {
        return given().contentType(ContentType.URLENC).auth().preemptive()
                .basic(rs.getString("client_id"), rs.getString("client_secret"))
                .formParam("token", token).when().post("/introspect");
    }

    @Test
    void revokingARefreshTokenRevokesItsFamily() {
        String clientId = BrowserFlow.registerClient("Revoking app");
        String verifier = BrowserFlow.newVerifier();
        String first = BrowserFlow.exchange(clientId, BrowserFlow.code(clientId, verifier), verifier)
                .then().statusCode(200).extract().path("refresh_token");
        String rotated = BrowserFlow.refresh(clientId, first).then().statusCode(200).extract().path("refresh_token");

        revoke(clientId, rotated).then().statusCode(200).header("Cache-Control", "no-store");

        BrowserFlow.refresh(clientId, rotated).then().statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", equalTo("The refresh token has been revoked"));
    }

    @Test
    void revokingAnAccessTokenMakesIntrospectionReportItInactive() {
        JsonPath client = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        String token = given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .auth().preemptive().basic(client.getString("client_id"), client.getString("client_secret"))
                .when().post("/token").then().statusCode(200).extract().path("access_token");
        introspect(client, token).then().statusCode(200).body("active", equalTo(true));

        given().contentType(ContentType.URLENC).auth().preemptive()
                .basic(client.getString("client_id"), client.getString("client_secret"))
                .formParam("token", token).formParam("token_type_hint", "access_token")
                .when().post("/revoke").then().statusCode(200);

        introspect(client, token).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void unknownTokenAndAnotherClientsTokenAre200AndChangeNothing() {
        String owner = BrowserFlow.registerClient("Owner");
        String verifier = BrowserFlow.newVerifier();
        String refresh = BrowserFlow.exchange(owner, BrowserFlow.code(owner, verifier), verifier)
                .then().statusCode(200).extract().path("refresh_token");
        String other = BrowserFlow.registerClient("Other");

        revoke(other, "no-such-token").then().statusCode(200);
        revoke(other, refresh).then().statusCode(200);

        BrowserFlow.refresh(owner, refresh).then().statusCode(200);
    }

    @Test
    void missingTokenIsInvalidRequest() {
        String clientId = BrowserFlow.registerClient("No token");
        given().contentType(ContentType.URLENC).formParam("client_id", clientId).when().post("/revoke")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void repeatedTokenIsInvalidRequest() {
        String clientId = BrowserFlow.registerClient("Repeated");
        given().contentType(ContentType.URLENC).formParam("client_id", clientId).formParam("token", "a", "b")
                .when().post("/revoke").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void unauthenticatedOrUnknownClientIsInvalidClient() {
        given().contentType(ContentType.URLENC).formParam("token", "x").when().post("/revoke")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        revoke("no-such-client", "x").then().statusCode(401).body("error", equalTo("invalid_client"));
        JsonPath client = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        given().contentType(ContentType.URLENC).auth().preemptive().basic(client.getString("client_id"), "wrong")
                .formParam("token", "x").when().post("/revoke")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }
}
