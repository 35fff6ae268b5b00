package dev.portcullis.client.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portcullis.common.oauth.BearerChallenge;
import java.util.List;
import org.junit.jupiter.api.Test;

class BearerChallengeParsingTest {

    @Test
    void mcpServerChallenge_yieldsResourceMetadataAndScope() {
        BearerChallenge c = BearerChallenge.parse("Bearer resource_metadata=\"http://localhost:8080/.well-known/"
                + "oauth-protected-resource/mcp\", scope=\"mcp:tools\", error=\"invalid_token\"");
        assertEquals("http://localhost:8080/.well-known/oauth-protected-resource/mcp", c.resourceMetadata());
        assertEquals("mcp:tools", c.scope());
        assertEquals("invalid_token", c.error());
    }

    @Test
    void bearerAfterAnotherChallengeInOneHeader_isFound() {
        BearerChallenge c = BearerChallenge.parse("Basic realm=\"x\", Bearer scope=\"a b\", realm=\"y\"");
        assertEquals("a b", c.scope());
        assertEquals("y", c.params().get("realm"));
    }

    @Test
    void bearerFollowedByAnotherChallenge_stopsAtIt() {
        BearerChallenge c = BearerChallenge.parse("Bearer scope=\"s\", DPoP algs=\"ES256\"");
        assertEquals("s", c.scope());
        assertNull(c.params().get("algs"));
    }

    @Test
    void lowerCaseSchemeAndUpperCaseParameterNames_areAccepted() {
        BearerChallenge c = BearerChallenge.parse("bearer Resource_Metadata=\"https://r/x\"");
        assertEquals("https://r/x", c.resourceMetadata());
    }

    @Test
    void quotedStringWithEscapes_isUnescaped() {
        BearerChallenge c = BearerChallenge.parse("Bearer error_description=\"say \\\"hi\\\" \\\\ bye\", scope=tok");
        assertEquals("say \"hi\" \\ bye", c.errorDescription());
        assertEquals("tok", c.scope());
    }

    @Test
    void severalHeaderValues_withoutBearer_giveNull() {
        assertNull(BearerChallenge.parse(List.of("Basic realm=\"a\"", "Negotiate abc==")));
    }

    @Test
    void severalHeaderValues_secondIsBearer_isFound() {
        assertEquals("m", BearerChallenge.parse(List.of("Basic realm=\"a\"", "Bearer scope=m")).scope());
    }
}
