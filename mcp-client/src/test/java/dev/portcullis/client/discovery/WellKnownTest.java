package dev.portcullis.client.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.common.oauth.WellKnown;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class WellKnownTest {

    @Test
    void issuerWithPath_triesOauthInsertionThenOidcInsertionThenOidcAppending() {
        assertEquals(List.of(
                URI.create("https://as.example/.well-known/oauth-authorization-server/tenant1"),
                URI.create("https://as.example/.well-known/openid-configuration/tenant1"),
                URI.create("https://as.example/tenant1/.well-known/openid-configuration")),
                WellKnown.authorizationServerMetadataUris(URI.create("https://as.example/tenant1")));
    }

    @Test
    void issuerWithoutPath_triesTheTwoRootDocuments() {
        assertEquals(List.of(
                URI.create("http://localhost:9000/.well-known/oauth-authorization-server"),
                URI.create("http://localhost:9000/.well-known/openid-configuration")),
                WellKnown.authorizationServerMetadataUris(URI.create("http://localhost:9000")));
    }

    @Test
    void resourceWithPath_triesPathAwarePrmThenRoot() {
        assertEquals(List.of(
                URI.create("http://localhost:8080/.well-known/oauth-protected-resource/mcp"),
                URI.create("http://localhost:8080/.well-known/oauth-protected-resource")),
                WellKnown.protectedResourceMetadataUris(URI.create("http://localhost:8080/mcp")));
    }
}
