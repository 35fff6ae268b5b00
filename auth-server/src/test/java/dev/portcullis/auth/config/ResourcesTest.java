package dev.portcullis.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcesTest {

    private static final String MCP = "https://mcp.example.com/mcp";
    private static final String FILES = "https://files.example.com/mcp";
    private static final List<String> KNOWN = List.of("mcp:tools", "notes:read", "notes:write", "offline_access");

    private static Resources resources(String... limits) {
        return new Resources(List.of(MCP, FILES), KNOWN, List.of(limits));
    }

    @Test
    void aLimitedResourceAcceptsOnlyItsScopesAndOfflineAccess() {
        Resources resources = resources(FILES + " mcp:tools  notes:read");
        assertTrue(resources.allowsAll(FILES, List.of("mcp:tools", "notes:read", "offline_access")));
        assertFalse(resources.allows(FILES, "notes:write"));
        assertEquals(List.of("mcp:tools", "notes:read", "offline_access"), resources.allowed(FILES, KNOWN));
    }

    @Test
    void anUnlimitedResourceAcceptsEveryKnownScopeAndNothingElse() {
        Resources resources = resources(FILES + " mcp:tools");
        assertTrue(resources.allowsAll(MCP, KNOWN));
        assertFalse(resources.allows(MCP, "admin"));
        assertFalse(resources.allows(FILES, "admin"));
    }

    @Test
    void resourcesAreMatchedExactly() {
        Resources resources = resources();
        assertTrue(resources.serves(MCP));
        assertFalse(resources.serves(MCP + "/"));
        assertFalse(resources.serves("https://MCP.example.com/mcp"));
    }

    @Test
    void aLimitOnAnUnknownResourceOrScopeStopsTheServerWithAMessage() {
        var unknownResource = assertThrows(IllegalStateException.class, () -> resources("https://other.example/mcp mcp:tools"));
        assertTrue(unknownResource.getMessage().contains("https://other.example/mcp"), unknownResource.getMessage());
        var unknownScope = assertThrows(IllegalStateException.class, () -> resources(FILES + " mcp:tools files:read"));
        assertTrue(unknownScope.getMessage().contains("files:read"), unknownScope.getMessage());
        assertThrows(IllegalStateException.class, () -> resources(FILES));
        assertThrows(IllegalStateException.class, () -> resources(FILES + " mcp:tools", FILES + " notes:read"));
    }
}
