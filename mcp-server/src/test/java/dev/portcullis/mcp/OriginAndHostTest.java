package dev.portcullis.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(FakeIssuer.class)
class OriginAndHostTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    private static io.restassured.specification.RequestSpecification mcpRequest() {
        return given().contentType("application/json").accept("application/json, text/event-stream")
                .header("Authorization", "Bearer " + Tokens.valid()).body(PING);
    }

    @Test
    void foreignHostHeaderIsRefusedAsDnsRebinding() {
        mcpRequest().header("Host", "attacker.example").post("/mcp").then()
                .statusCode(403)
                .body("error.message", equalTo("Host not allowed"))
                .body("id", nullValue());
    }

    @Test
    void foreignOriginIsRefused() {
        mcpRequest().header("Origin", "http://attacker.example").post("/mcp").then().statusCode(403)
                .body("error.message", equalTo("Origin not allowed"))
                .body("id", nullValue());
    }

    @Test
    void theServersOwnOriginIsAccepted() {
        mcpRequest().header("Origin", "http://localhost:" + io.restassured.RestAssured.port).post("/mcp").then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("not allowed")));
    }

    @Test
    void requestWithoutOriginFromANonBrowserClientIsAccepted() {
        mcpRequest().post("/mcp").then().statusCode(200);
    }

    @Test
    void http2ClientsAuthorityIsCheckedLikeAHostHeader() throws Exception {
        // the JDK client offers an h2c upgrade, which the server declines (NoCleartextHttp2Upgrade): the Host check holds
        // either way (over HTTP/2 the authority would travel as :authority, which HostCheck reads too)
        var response = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/mcp"))
                        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(PING)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals(401, response.statusCode(), response.body());
    }

    @Test
    void healthAndMetadataAreNotSubjectToTheCheck() {
        given().header("Host", "10.0.0.7").get("/q/health/live").then().statusCode(200);
        given().header("Host", "10.0.0.7").get("/.well-known/oauth-protected-resource/mcp").then().statusCode(200);
    }
}
