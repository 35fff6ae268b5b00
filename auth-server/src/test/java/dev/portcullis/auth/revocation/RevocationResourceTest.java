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

    @Test
    void revokingARefreshTokenRevokesItsFamily() {
        String clientId = BrowserFlow.registerClient("Revoking app");
        String first = BrowserFlow.tokens(clientId).getString("refresh_token");
        String rotated = BrowserFlow.refresh(clientId, first).then().statusCode(200).extract().path("refresh_token");

        revoke(clientId, rotated).then().statusCode(200).header("Cache-Control", "no-store");

        BrowserFlow.assertInvalidGrant(BrowserFlow.refresh(clientId, rotated), "The refresh token has been revoked");
    }

    @Test
    void revokingAnAccessTokenMakesIntrospectionReportItInactive() {
        JsonPath client = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        String token = given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .auth().preemptive().basic(client.getString("client_id"), client.getString("client_secret"))
                .when().post("/token").then().statusCode(200).extract().path("access_token");
        BrowserFlow.introspect(client, token).then().statusCode(200).body("active", equalTo(true));

        given().contentType(ContentType.URLENC).auth().preemptive()
                .basic(client.getString("client_id"), client.getString("client_secret"))
                .formParam("token", token).formParam("token_type_hint", "access_token")
                .when().post("/revoke").then().statusCode(200);

        BrowserFlow.introspect(client, token).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void unknownTokenAndAnotherClientsTokenAre200AndChangeNothing() {
        String owner = BrowserFlow.registerClient("Owner");
        String refresh = BrowserFlow.tokens(owner).getString("refresh_token");
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
