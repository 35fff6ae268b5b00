package dev.portcullis.client.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ResourceUriTest {

    @Test
    void caseDefaultPortAndTrailingSlash_doNotMatter() {
        assertTrue(ResourceUri.same(URI.create("HTTPS://Example.COM:443/mcp/"), URI.create("https://example.com/mcp")));
        assertTrue(ResourceUri.same(URI.create("http://localhost:80/mcp"), URI.create("http://localhost/mcp")));
    }

    @Test
    void otherPathPortOrScheme_doNotMatch() {
        assertFalse(ResourceUri.same(URI.create("http://localhost:8080/mcp"), URI.create("http://localhost:8080/mcp2")));
        assertFalse(ResourceUri.same(URI.create("http://localhost:8080/mcp"), URI.create("http://localhost:8081/mcp")));
        assertFalse(ResourceUri.same(URI.create("http://localhost/mcp"), URI.create("https://localhost/mcp")));
        assertFalse(ResourceUri.same(URI.create("http://localhost:8080/MCP"), URI.create("http://localhost:8080/mcp")));
    }

    @Test
    void fragmentIsDroppedAndQueryKept() {
        assertEquals(URI.create("https://a.example/x?y=1"), ResourceUri.normalise(URI.create("https://A.example/x/?y=1#f")));
    }

    @Test
    void nonHttpValues_areNotParsed() {
        assertNull(ResourceUri.parseOrNull("ftp://a/b"));
        assertNull(ResourceUri.parseOrNull("not a url"));
        assertNull(ResourceUri.parseOrNull(null));
    }
}
