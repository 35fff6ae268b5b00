package dev.portcullis.auth.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.auth.support.BrowserFlow;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenResourceTest {

    @Test
    void unknownGrantTypeIsUnsupportedGrantType() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", "whatever")
                .when().post("/token")
                .then().statusCode(400)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void missingGrantTypeIsInvalidRequest() {
        given().contentType(ContentType.URLENC)
                .formParam("client_id", "whatever")
                .when().post("/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code")
                .formParam("code", "a", "b")
                .when().post("/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void unknownClientIsInvalidClientWith401() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "authorization_code")
                .formParam("client_id", "no-such-client")
                .formParam("code", "x")
                .when().post("/token")
                .then().statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void missingClientIdIsInvalidClient() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", "x")
                .when().post("/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void basicClientCredentialsAreInvalidClientWhileOnlyPublicClientsExist() {
        String clientId = BrowserFlow.registerClient("Basic");
        given().contentType(ContentType.URLENC).auth().preemptive().basic(clientId, "secret")
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", "x")
                .when().post("/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void refreshGrantForAClientRegisteredWithoutItIsUnauthorizedClient() {
        String clientId = BrowserFlow.registerClient("Code only", List.of("authorization_code"));
        BrowserFlow.refresh(clientId, "x").then().statusCode(400).body("error", equalTo("unauthorized_client"));
    }
}
