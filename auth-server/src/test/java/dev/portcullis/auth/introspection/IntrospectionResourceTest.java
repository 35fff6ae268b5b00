package dev.portcullis.auth.introspection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.support.BrowserFlow;
import dev.portcullis.auth.support.Registrations;
import dev.portcullis.common.oauth.ClientAuthMethod;
import dev.portcullis.common.oauth.GrantType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IntrospectionResourceTest {

    /** Listed in %test.portcullis.introspection.clients: may introspect every access token. */
    private static final String RESOURCE_SERVER = "test-resource-server";
    private static final String RESOURCE_SERVER_SECRET = "test-resource-server-secret";

    /** In-process only: against the packaged application (IntrospectionResourceIT) no database access is at hand. */
    private static boolean inProcess() {
        return io.quarkus.arc.Arc.container() != null;
    }

    @BeforeEach
    void createTheConfiguredResourceServer() {
        if (!inProcess()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            if (Client.findById(RESOURCE_SERVER) == null) {
                Client client = new Client();
                client.clientId = RESOURCE_SERVER;
                client.clientName = "Configured resource server";
                client.redirectUris = List.of();
                client.grantTypes = List.of(GrantType.CLIENT_CREDENTIALS.wire());
                client.tokenEndpointAuthMethod = ClientAuthMethod.CLIENT_SECRET_BASIC.wire();
                client.clientSecretHash = Hashes.sha256(RESOURCE_SERVER_SECRET);
                client.createdAt = Instant.now();
                client.persist();
            }
        });
    }

    private static Response introspectAsResourceServer(String token) {
        return given().contentType(ContentType.URLENC).auth().preemptive().basic(RESOURCE_SERVER, RESOURCE_SERVER_SECRET)
                .formParam("token", token).when().post("/introspect");
    }

    /** The tokens (a 200 answer) a fresh code of the confidential client is exchanged for, with client_secret_post. */
    private static JsonPath tokensOf(JsonPath owner) {
        String clientId = owner.getString("client_id");
        String verifier = BrowserFlow.newVerifier();
        return given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", clientId).formParam("client_secret", owner.getString("client_secret"))
                .formParam("code", BrowserFlow.code(clientId, verifier)).formParam("redirect_uri", BrowserFlow.REDIRECT_WITH_PORT)
                .formParam("code_verifier", verifier).formParam("resource", BrowserFlow.RESOURCE)
                .when().post("/token").then().statusCode(200).extract().jsonPath();
    }

    /** Asks about the token as the confidential client, with client_secret_post. */
    private static Response introspectWithSecretPost(JsonPath client, String token) {
        return given().contentType(ContentType.URLENC).formParam("client_id", client.getString("client_id"))
                .formParam("client_secret", client.getString("client_secret")).formParam("token", token)
                .when().post("/introspect");
    }

    @Test
    void aConfiguredResourceServerSeesAUsersAccessTokenWithItsClaims() {
        org.junit.jupiter.api.Assumptions.assumeTrue(inProcess(), "the configured resource server is created in the database");
        String clientId = BrowserFlow.registerClient("Introspected app");
        String token = BrowserFlow.tokens(clientId).getString("access_token");

        introspectAsResourceServer(token).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("active", equalTo(true))
                .body("client_id", equalTo(clientId))
                .body("scope", equalTo("mcp:tools notes:read"))
                .body("username", equalTo("alice"))
                .body("token_type", equalTo("Bearer"))
                .body("aud", contains(BrowserFlow.RESOURCE))
                .body("iss", equalTo(BrowserFlow.ISSUER));
    }

    /** RFC 7662 §4: any self-registered confidential client must not learn who a user's token belongs to. */
    @Test
    void anyOtherClientLearnsNothingAboutAnotherClientsAccessToken() {
        String token = BrowserFlow.tokens(BrowserFlow.registerClient("Introspected app")).getString("access_token");
        JsonPath stranger = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        BrowserFlow.introspect(stranger, token).then().statusCode(200).header("Cache-Control", "no-store")
                .body("$", aMapWithSize(1)).body("active", equalTo(false));
        JsonPath strangerPost = Registrations.secretClient("client_secret_post", List.of("client_credentials"));
        introspectWithSecretPost(strangerPost, token).then().statusCode(200).body("$", aMapWithSize(1)).body("active", equalTo(false));
    }

    @Test
    void aClientLearnsAboutTheAccessTokensIssuedToItself() {
        JsonPath owner = Registrations.secretClient("client_secret_post", List.of("authorization_code", "refresh_token"));
        String token = tokensOf(owner).getString("access_token");
        introspectWithSecretPost(owner, token).then().statusCode(200).body("active", equalTo(true))
                .body("client_id", equalTo(owner.getString("client_id"))).body("username", equalTo("alice"));
    }

    @Test
    void theConfiguredResourceServerIsNotShownOtherClientsRefreshTokens() {
        org.junit.jupiter.api.Assumptions.assumeTrue(inProcess(), "the configured resource server is created in the database");
        JsonPath owner = Registrations.secretClient("client_secret_post", List.of("authorization_code", "refresh_token"));
        String refresh = tokensOf(owner).getString("refresh_token");
        introspectAsResourceServer(refresh).then().statusCode(200).body("$", aMapWithSize(1)).body("active", equalTo(false));
    }

    @Test
    void aRefreshTokenIsDescribedOnlyToItsOwnClient() {
        JsonPath owner = Registrations.secretClient("client_secret_post", List.of("authorization_code", "refresh_token"));
        String refresh = tokensOf(owner).getString("refresh_token");

        introspectWithSecretPost(owner, refresh).then().statusCode(200)
                .body("active", equalTo(true)).body("token_type", equalTo("refresh_token"));
        JsonPath other = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        BrowserFlow.introspect(other, refresh).then().statusCode(200).body("$", aMapWithSize(1)).body("active", equalTo(false));
    }

    @Test
    void garbageIsInactive() {
        JsonPath rs = Registrations.secretClient("client_secret_basic", List.of("client_credentials"));
        BrowserFlow.introspect(rs, "garbage").then().statusCode(200).body("$", aMapWithSize(1)).body("active", equalTo(false));
        BrowserFlow.introspect(rs, "a.b.c").then().statusCode(200).body("active", equalTo(false));
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
