package dev.portcullis.common.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {

    @Test
    void parsesQuotedParametersOfABearerChallenge() {
        BearerChallenge c = BearerChallenge.parse(
                "Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\", scope=\"files:read files:write\"");
        assertEquals("https://mcp.example.com/.well-known/oauth-protected-resource/mcp", c.resourceMetadata());
        assertEquals("files:read files:write", c.scope());
        assertNull(c.error());
    }

    @Test
    void schemeNameAndParameterNamesAreCaseInsensitive() {
        BearerChallenge c = BearerChallenge.parse("bEaReR Error=\"invalid_token\"");
        assertEquals("invalid_token", c.error());
    }

    @Test
    void findsTheBearerChallengeAmongOthersInOneHeader() {
        BearerChallenge c = BearerChallenge.parse(
                "Basic realm=\"x, y\", Bearer error=invalid_token, scope=\"a b\", DPoP algs=\"ES256\"");
        assertEquals("invalid_token", c.error());
        assertEquals("a b", c.scope());
        assertEquals(2, c.params().size(), "the DPoP challenge's parameters are not mixed in");
    }

    @Test
    void findsTheBearerChallengeInALaterHeaderValue() {
        BearerChallenge c = BearerChallenge.parse(List.of("Negotiate abc==", "Bearer scope=\"mcp:tools\""));
        assertEquals("mcp:tools", c.scope());
    }

    @Test
    void unescapesQuotedPairs() {
        BearerChallenge c = BearerChallenge.parse("Bearer error_description=\"say \\\"hi\\\" \\\\ bye\"");
        assertEquals("say \"hi\" \\ bye", c.errorDescription());
    }

    @Test
    void bareBearerHasNoParametersAndOtherSchemesAloneGiveNull() {
        assertEquals(0, BearerChallenge.parse("Bearer").params().size());
        assertNull(BearerChallenge.parse("Basic realm=\"r\""));
        assertNull(BearerChallenge.parse((String) null));
    }

    @Test
    void formatsAndParsesBackTheSameParameters() {
        BearerChallenge c = BearerChallenge.empty()
                .with("error", "insufficient_scope")
                .with("scope", "notes:read notes:write")
                .with("resource_metadata", "http://localhost:8080/.well-known/oauth-protected-resource/mcp")
                .with("error_description", "needs \"notes:write\"")
                .with("ignored", null);
        String header = c.format();
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"notes:read notes:write\", "
                + "resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource/mcp\", "
                + "error_description=\"needs \\\"notes:write\\\"\"", header);
        assertEquals(c, BearerChallenge.parse(header));
    }
}
