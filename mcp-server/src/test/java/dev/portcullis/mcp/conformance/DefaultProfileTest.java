package dev.portcullis.mcp.conformance;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.mcp.FakeIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Outside the {@code conformance} profile none of the suite's features exist, and /mcp still needs a token. */
@QuarkusTest
@QuarkusTestResource(FakeIssuer.class)
class DefaultProfileTest {

    /** An access token as auth-server issues it (the same shape as dev.portcullis.mcp.Tokens). */
    private static String token() {
        String issuer = ConfigProvider.getConfig().getValue("portcullis.authorization-servers", String.class);
        Instant now = Instant.now();
        return Jwt.issuer(issuer)
                .subject(UUID.randomUUID().toString())
                .audience("http://localhost:8080/mcp")
                .claim("client_id", "client-123")
                .claim("scope", "mcp:tools")
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300))
                .jws().keyId(FakeIssuer.KEY_ID).header("typ", "at+jwt").sign();
    }

    @Test
    void conformanceFeaturesAreAbsent() {
        Mcp mcp = Mcp.open(token());
        mcp.send("tools/list", "{}").then().statusCode(200)
                .body("result.tools.name", hasItem("whoami"))
                .body("result.tools.name", everyItem(not(startsWith("test_"))))
                .body("result.tools.name", not(hasItem("json_schema_2020_12_tool")));
        mcp.send("prompts/list", "{}").then().statusCode(200)
                .body("result.prompts.name", everyItem(not(startsWith("test_"))));
        mcp.send("resources/list", "{}").then().statusCode(200)
                .body("result.resources.uri", everyItem(not(startsWith("test://"))));
        mcp.send("resources/templates/list", "{}").then().statusCode(200)
                .body("result.resourceTemplates.uriTemplate", everyItem(not(startsWith("test://"))));
    }

    @Test
    void mcpStillNeedsAToken() {
        assertEquals(401, Mcp.post(null, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode());
    }
}
