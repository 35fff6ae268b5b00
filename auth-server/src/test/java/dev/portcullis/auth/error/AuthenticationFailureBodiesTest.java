package dev.portcullis.auth.error;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Failed client or token authentication, at every endpoint that authenticates, is answered with a clean OAuth JSON
 * error: never a body naming an internal class (io.quarkus.security.AuthenticationFailedException and the like).
 */
@QuarkusTest
class AuthenticationFailureBodiesTest {

    private static final List<String> AUTHORIZATIONS = List.of(
            "Basic bm9ib2R5Om5vdGhpbmc=", // nobody:nothing
            "Basic !!!not-base64!!!",
            "Basic bm9jb2xvbg==", // "nocolon"
            "Basic ",
            "Basic",
            "Bearer not-a-token",
            "Bearer ",
            "Digest username=\"x\"",
            "Negotiate abc",
            "basic bm9ib2R5Om5vdGhpbmc=");
    private static final Pattern INTERNAL = Pattern.compile("io\\.quarkus|io\\.vertx|io\\.smallrye|java\\.|jakarta\\.|"
            + "org\\.jboss|Exception|\\bat [a-z]+\\.", Pattern.CASE_INSENSITIVE);

    private static void assertCleanOAuthError(String what, Response response) {
        int status = response.statusCode();
        assertTrue(status >= 400 && status < 500, what + ": " + status + " " + response.asString());
        assertTrue(response.getContentType().startsWith("application/json"), what + ": " + response.getContentType());
        String body = response.asString();
        assertFalse(INTERNAL.matcher(body).find(), what + ": " + body);
        assertNotNull(response.jsonPath().getString("error"), what + ": " + body);
    }

    @Test
    void badCredentialsAtTheClientEndpointsAreCleanOAuthErrors() {
        for (String authorization : AUTHORIZATIONS) {
            for (String path : List.of("/token", "/revoke", "/introspect")) {
                Response response = given().header("Authorization", authorization).contentType("application/x-www-form-urlencoded")
                        .formParam("grant_type", "client_credentials").formParam("token", "x").when().post(path);
                assertCleanOAuthError(authorization + " at " + path, response);
                if (response.statusCode() == 401) {
                    assertNotNull(response.getHeader("WWW-Authenticate"), authorization + " at " + path);
                }
            }
        }
    }

    @Test
    void badRegistrationAccessTokensAreCleanOAuthErrors() {
        for (String authorization : AUTHORIZATIONS) {
            Response read = given().header("Authorization", authorization).when().get("/register/some-client");
            assertCleanOAuthError(authorization + " reading a registration", read);
            assertEquals(401, read.statusCode(), authorization);
            Response delete = given().header("Authorization", authorization).when().delete("/register/some-client");
            assertCleanOAuthError(authorization + " deleting a registration", delete);
        }
        assertCleanOAuthError("no token", given().when().get("/register/some-client"));
    }

    @Test
    void credentialsSentToTheMetricsAndHealthPathsChangeNothing() {
        for (String authorization : AUTHORIZATIONS) {
            assertCleanOAuthError(authorization + " at /q/metrics",
                    given().header("Authorization", authorization).when().get("/q/metrics"));
            assertEquals(200, given().header("Authorization", authorization).when().get("/q/health/ready").statusCode());
        }
    }
}
