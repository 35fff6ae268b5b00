package dev.portcullis.client.discovery;

import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.common.oauth.ProtectedResourceMetadata;
import java.net.URI;

/**
 * What discovery learnt about an MCP server.
 *
 * @param resource            the resource identifier from the PRM (it matches the server URL)
 * @param challenge           the Bearer challenge of the unauthenticated answer, or null when there was none
 * @param protectedResource   the Protected Resource Metadata (RFC 9728)
 * @param authorizationServer the metadata of its first authorization server (RFC 8414 / OIDC Discovery)
 */
public record DiscoveryResult(URI resource, BearerChallenge challenge, ProtectedResourceMetadata protectedResource,
        AuthorizationServerMetadata authorizationServer) {

    public String issuer() {
        return authorizationServer.issuer();
    }
}
