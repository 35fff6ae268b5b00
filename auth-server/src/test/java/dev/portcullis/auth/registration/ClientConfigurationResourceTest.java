package dev.portcullis.auth.registration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.Registrations;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClientConfigurationResourceTest {

    private static JsonPath registered() {
        return Registrations.register(Map.of("client_name", "Managed", "redirect_uris", List.of(BrowserFlow.REDIRECT_URI),
                "token_endpoint_auth_method", "client_secret_basic"));
    }

    @Test
    void registrationReturnsAnAccessTokenAndTheConfigurationUri() {
        JsonPath client = registered();
        org.junit.jupiter.api.Assertions.assertEquals(BrowserFlow.ISSUER + "/register/" + client.getString("client_id"),
                client.getString("registration_client_uri"));
        org.junit.jupiter.api.Assertions.assertEquals(43, client.getString("registration_access_token").length());
    }

    @Test
    void theClientReadsItsRegistrationWithoutTheSecret() {
        JsonPath client = registered();
        given().auth().oauth2(client.getString("registration_access_token"))
                .when().get("/register/" + client.getString("client_id")).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("client_id", equalTo(client.getString("client_id")))
                .body("client_name", equalTo("Managed"))
                .body("token_endpoint_auth_method", equalTo("client_secret_basic"))
                .body("client_secret", nullValue())
                .body("registration_access_token", nullValue());
    }

    @Test
    void wrongMissingOrForeignTokenIs401InvalidToken() {
        JsonPath client = registered();
        JsonPath other = registered();
        String path = "/register/" + client.getString("client_id");
        given().when().get(path).then().statusCode(401).body("error", equalTo("invalid_token"))
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().auth().oauth2("wrong").when().get(path).then().statusCode(401).body("error", equalTo("invalid_token"));
        given().auth().oauth2(other.getString("registration_access_token")).when().get(path).then().statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().auth().oauth2(client.getString("registration_access_token")).when().get("/register/unknown")
                .then().statusCode(401).body("error", equalTo("invalid_token"));
        given().auth().oauth2("wrong").when().delete(path).then().statusCode(401).body("error", equalTo("invalid_token"));
        given().auth().oauth2(client.getString("registration_access_token")).when().get(path).then().statusCode(200);
    }

    @Test
    void deleteRemovesTheClientSoItCanNoLongerAuthenticate() {
        JsonPath client = registered();
        String path = "/register/" + client.getString("client_id");
        given().auth().oauth2(client.getString("registration_access_token")).when().delete(path).then().statusCode(204);
        given().auth().oauth2(client.getString("registration_access_token")).when().get(path).then().statusCode(401);
        given().contentType("application/x-www-form-urlencoded").auth().preemptive()
                .basic(client.getString("client_id"), client.getString("client_secret"))
                .formParam("grant_type", "refresh_token").formParam("refresh_token", "x")
                .when().post("/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        BrowserFlow.authorize(Map.of("client_id", client.getString("client_id"), "redirect_uri", BrowserFlow.REDIRECT_URI,
                "response_type", "code")).then().statusCode(400);
    }
}
