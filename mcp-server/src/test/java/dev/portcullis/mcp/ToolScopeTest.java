package dev.portcullis.mcp;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.testing.McpTestSession;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(FakeIssuer.class)
class ToolScopeTest {

    private static String token(String scopes) {
        return Tokens.sign(Tokens.claims().subject(UUID.randomUUID().toString()).claim("scope", scopes));
    }

    @Test
    void toolCallWithoutItsScopeIsRefusedWith403AndAStepUpChallenge() {
        McpTestSession session = McpTestSession.open(token("mcp:tools"));
        Response response = session.call("notes_add", "{\"text\":\"buy milk\"}");
        assertEquals(403, response.statusCode());
        BearerChallenge challenge = BearerChallenge.parse(response.getHeader("WWW-Authenticate"));
        assertEquals("insufficient_scope", challenge.error());
        assertEquals("mcp:tools notes:write", challenge.scope(), "every scope the operation needs");
        assertEquals("http://localhost:8080/.well-known/oauth-protected-resource/mcp", challenge.resourceMetadata());
        assertTrue(challenge.errorDescription().contains("notes:write"));
        assertEquals(-32001, JsonPath.from(response.asString()).getInt("error.code"));
    }

    @Test
    void readScopeAllowsListingButNotWriting() {
        McpTestSession session = McpTestSession.open(token("mcp:tools notes:read"));
        session.call("notes_list", "{}").then().statusCode(200).body(containsString("You have no notes."));
        assertEquals(403, session.call("notes_delete", "{\"id\":\"x\"}").statusCode());
    }

    @Test
    void writeScopeImpliesReadThroughTheHierarchy() {
        McpTestSession session = McpTestSession.open(token("mcp:tools notes:write"));
        String added = JsonPath.from(session.call("notes_add", "{\"text\":\"buy milk\"}").then().statusCode(200)
                .extract().asString()).getString("result.content[0].text");
        assertTrue(added.startsWith("Added note "), added);
        String id = added.substring("Added note ".length());

        session.call("notes_list", "{}").then().statusCode(200).body(containsString(id + "  buy milk"));
        session.call("notes_delete", "{\"id\":\"" + id + "\"}").then().statusCode(200).body(containsString("Deleted note " + id));
        session.call("notes_list", "{}").then().statusCode(200).body(not(containsString(id)));
    }

    @Test
    void notesOfOneUserAreInvisibleToAnother() {
        McpTestSession alice = McpTestSession.open(token("mcp:tools notes:write"));
        alice.call("notes_add", "{\"text\":\"alice's secret\"}").then().statusCode(200);
        McpTestSession bob = McpTestSession.open(token("mcp:tools notes:read"));
        bob.call("notes_list", "{}").then().statusCode(200).body(not(containsString("alice's secret")));
    }

    @Test
    void deletingAnUnknownNoteIsAToolErrorNotAProtocolError() {
        McpTestSession session = McpTestSession.open(token("mcp:tools notes:write"));
        session.call("notes_delete", "{\"id\":\"nope\"}").then().statusCode(200)
                .body(containsString("\"isError\":true"), containsString("No note with id nope"));
    }

    @Test
    void emptyNoteTextIsAToolError() {
        McpTestSession session = McpTestSession.open(token("mcp:tools notes:write"));
        session.call("notes_add", "{\"text\":\"  \"}").then().statusCode(200)
                .body(containsString("\"isError\":true"), containsString("must not be empty"));
    }

    @Test
    void tokenWithoutTheBaseScopeIsRefusedForAnyMessage() {
        Response response = McpTestSession.post(token("notes:read"), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                 "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""", null);
        assertEquals(403, response.statusCode());
        BearerChallenge challenge = BearerChallenge.parse(response.getHeader("WWW-Authenticate"));
        assertEquals("insufficient_scope", challenge.error());
        assertEquals("mcp:tools", challenge.scope());
    }

    @Test
    void toolsListShowsEveryToolWithTheScopeItNeeds() {
        McpTestSession session = McpTestSession.open(token("mcp:tools"));
        session.send("tools/list", "{}").then().statusCode(200)
                .body(containsString("\"notes_add\""), containsString("Requires scope notes:write"),
                        containsString("\"whoami\""));
    }
}
