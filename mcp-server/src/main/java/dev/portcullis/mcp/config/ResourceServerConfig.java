package dev.portcullis.mcp.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What this MCP server publishes about itself as an OAuth protected resource (RFC 9728). */
@ConfigMapping(prefix = "portcullis")
public interface ResourceServerConfig {

    /** The canonical URL of the MCP endpoint: the resource identifier and the audience tokens must carry. */
    @WithDefault("http://localhost:8080/mcp")
    URI resource();

    /** Issuer identifiers of the authorization servers whose tokens are accepted. */
    @WithDefault("http://localhost:9000")
    List<String> authorizationServers();

    /** Scopes a client needs for basic use; published as {@code scopes_supported} and in the 401 challenge. */
    @WithDefault("mcp:tools")
    List<String> scopes();

    /**
     * Scope hierarchy: a scope maps to the narrower scopes it implies, e.g. {@code notes:write} to {@code notes:read}.
     * Configured as {@code portcullis.scope-hierarchy."notes\:write"=notes:read} (a colon in a properties key is escaped).
     */
    Map<String, List<String>> scopeHierarchy();

    /** Human-readable name published as {@code resource_name}. */
    Optional<String> resourceName();

    /** Largest MCP request body read, in bytes; larger ones get 413. */
    @WithDefault("1048576")
    long maxRequestBytes();

    Notes notes();

    interface Notes {
        /** Where per-user notes are kept; default {@code $XDG_DATA_HOME/portcullis/notes}. */
        Optional<Path> dir();
    }

    TokenCache tokenCache();

    interface TokenCache {
        /** How many verified tokens are remembered until they expire; 0 verifies every request's signature. */
        @WithDefault("10000")
        int maxSize();
    }

    Token token();

    interface Token {
        /**
         * JOSE header {@code typ} values an access token may carry (RFC 9068 §4: {@code at+jwt}; compared
         * case-insensitively, an {@code application/} prefix allowed, RFC 7515 §4.1.9). Authorization servers that do not
         * follow RFC 9068 need their own value here, e.g. Keycloak's {@code JWT}.
         */
        @WithDefault("at+jwt")
        List<String> acceptedTypes();
    }

    LegacySse legacySse();

    interface LegacySse {
        /**
         * Whether the deprecated HTTP+SSE transport of MCP 2024-11-05 ({@code GET /mcp/sse}, {@code POST
         * /mcp/messages/<id>}) is served. quarkus-mcp-server-http always registers it; off, its paths answer 404.
         */
        @WithDefault("false")
        boolean enabled();
    }

    /**
     * Host names, besides the resource's, that requests to the MCP endpoint may name in {@code Host} (DNS-rebinding
     * protection); {@code *} allows any.
     */
    Optional<List<String>> allowedHosts();
}
