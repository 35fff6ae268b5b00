package dev.portcullis.common.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class WellKnownTest {

    @Test
    void resourceWithPathIsLookedUpPathAwareThenAtTheRoot() {
        assertEquals(List.of(
                        URI.create("https://mcp.example.com/.well-known/oauth-protected-resource/public/mcp"),
                        URI.create("https://mcp.example.com/.well-known/oauth-protected-resource")),
                WellKnown.protectedResourceMetadataUris(URI.create("https://mcp.example.com/public/mcp")));
    }

    @Test
    void resourceWithoutPathHasOnlyTheRootLocation() {
        assertEquals(List.of(URI.create("http://localhost:8080/.well-known/oauth-protected-resource")),
                WellKnown.protectedResourceMetadataUris(URI.create("http://localhost:8080/")));
    }

    @Test
    void queryAndFragmentOfTheResourceAreNotPartOfTheLocation() {
        assertEquals(URI.create("http://localhost:8080/.well-known/oauth-protected-resource/mcp"),
                WellKnown.protectedResourceMetadataUri(URI.create("http://localhost:8080/mcp?x=1#f")));
    }

    @Test
    void issuerWithPathUsesInsertionForBothDocumentsThenOidcAppending() {
        assertEquals(List.of(
                        URI.create("https://auth.example.com/.well-known/oauth-authorization-server/tenant1"),
                        URI.create("https://auth.example.com/.well-known/openid-configuration/tenant1"),
                        URI.create("https://auth.example.com/tenant1/.well-known/openid-configuration")),
                WellKnown.authorizationServerMetadataUris(URI.create("https://auth.example.com/tenant1")));
    }

    @Test
    void issuerWithoutPathUsesTheTwoRootDocuments() {
        assertEquals(List.of(
                        URI.create("http://localhost:9000/.well-known/oauth-authorization-server"),
                        URI.create("http://localhost:9000/.well-known/openid-configuration")),
                WellKnown.authorizationServerMetadataUris(URI.create("http://localhost:9000")));
    }

    @Test
    void ipv6LoopbackKeepsItsBrackets() {
        assertEquals(URI.create("http://[::1]:9000/"), WellKnown.origin(URI.create("http://[::1]:9000/x")));
    }
}
