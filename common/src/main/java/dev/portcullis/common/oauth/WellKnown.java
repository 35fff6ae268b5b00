package dev.portcullis.common.oauth;

import java.net.URI;
import java.util.List;

/** Well-known metadata locations, with the path rules of RFC 8414 §3.1, RFC 9728 §3.1 and OIDC Discovery §4. */
public final class WellKnown {

    public static final String PROTECTED_RESOURCE = "/.well-known/oauth-protected-resource";
    public static final String AUTHORIZATION_SERVER = "/.well-known/oauth-authorization-server";
    public static final String OPENID_CONFIGURATION = "/.well-known/openid-configuration";

    private WellKnown() {
    }

    /**
     * Where to look for a resource's Protected Resource Metadata when no {@code resource_metadata} pointer was given
     * (MCP 2025-06-18+ client discovery): the path-aware URL first, then the root one.
     */
    public static List<URI> protectedResourceMetadataUris(URI resource) {
        String path = trimTrailingSlash(resource.getRawPath());
        URI root = origin(resource).resolve(PROTECTED_RESOURCE);
        if (path.isEmpty()) {
            return List.of(root);
        }
        return List.of(origin(resource).resolve(PROTECTED_RESOURCE + path), root);
    }

    /** The path-aware PRM URL a resource server publishes for its resource identifier (RFC 9728 §3.1). */
    public static URI protectedResourceMetadataUri(URI resource) {
        return protectedResourceMetadataUris(resource).get(0);
    }

    /**
     * Where to look for an authorization server's metadata, in priority order (MCP 2025-11-25 "Authorization Server
     * Metadata Discovery"): for an issuer with a path, RFC 8414 path insertion, OIDC path insertion, then OIDC path
     * appending; for an issuer without one, the two root documents.
     */
    public static List<URI> authorizationServerMetadataUris(URI issuer) {
        String path = trimTrailingSlash(issuer.getRawPath());
        URI origin = origin(issuer);
        if (path.isEmpty()) {
            return List.of(origin.resolve(AUTHORIZATION_SERVER), origin.resolve(OPENID_CONFIGURATION));
        }
        return List.of(
                origin.resolve(AUTHORIZATION_SERVER + path),
                origin.resolve(OPENID_CONFIGURATION + path),
                origin.resolve(path + OPENID_CONFIGURATION));
    }

    /** scheme://host[:port]/ of a URI, without user info, query or fragment. */
    public static URI origin(URI uri) {
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        return URI.create(uri.getScheme() + "://" + uri.getHost() + port + "/");
    }

    private static String trimTrailingSlash(String path) {
        if (path == null) {
            return "";
        }
        String p = path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
