package dev.portcullis.client.discovery;

import dev.portcullis.client.ServerMisconfiguredException;
import dev.portcullis.client.TransientException;
import dev.portcullis.client.http.Http;
import dev.portcullis.client.http.HttpResult;
import dev.portcullis.client.http.Json;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.common.oauth.ProtectedResourceMetadata;
import dev.portcullis.common.oauth.WellKnown;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * MCP authorization discovery (MCP 2025-06-18+ "Authorization Server Discovery"): an unauthenticated request for the
 * Bearer challenge, then Protected Resource Metadata (RFC 9728), then the metadata of its authorization server
 * (RFC 8414 §3.1, OIDC Discovery §4, in the order of MCP 2025-11-25).
 */
public final class Discovery {

    private static final Logger LOG = Logger.getLogger(Discovery.class);
    private static final String PROBE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"portcullis-mcp-client\",\"version\":\"0.1.0\"}}}";

    private final Http http;

    public Discovery(Http http) {
        this.http = http;
    }

    /** Runs the whole discovery for an MCP server URL. */
    public DiscoveryResult discover(URI serverUrl) {
        BearerChallenge challenge = probe(serverUrl);
        List<URI> candidates = prmCandidates(serverUrl, challenge);
        Optional<ProtectedResourceMetadata> found = firstJson(candidates, ProtectedResourceMetadata.class);
        if (found.isEmpty() && (challenge == null || challenge.resourceMetadata() == null)) {
            return legacy(serverUrl, challenge);
        }
        ProtectedResourceMetadata prm = validated(serverUrl, candidates, found);
        URI issuer = ResourceUri.parseOrNull(prm.authorizationServers().get(0));
        if (issuer == null) {
            throw new ServerMisconfiguredException("The protected resource metadata of " + serverUrl
                    + " names an authorization server that is not an http(s) URL: " + prm.authorizationServers().get(0));
        }
        AuthorizationServerMetadata metadata = authorizationServerMetadata(prm.authorizationServers().get(0));
        return new DiscoveryResult(URI.create(prm.resource()), challenge, prm, metadata);
    }

    /**
     * Sends an MCP {@code initialize} without a token; a 401 answer carries the Bearer challenge (RFC 9728 §5.1).
     *
     * @return the challenge, or null when the answer had none
     */
    public BearerChallenge probe(URI serverUrl) {
        HttpResult result = http.call(serverUrl,
                e -> e.postJson("application/json, text/event-stream", PROBE));
        if (result.status() != 401) {
            LOG.debugf("Unauthenticated initialize to %s answered %d, not 401", serverUrl, result.status());
        }
        return BearerChallenge.parse(result.headers("WWW-Authenticate"));
    }

    /**
     * Fetches the PRM from the challenge's {@code resource_metadata}, else from the well-known URLs (path-aware
     * first), and checks that its {@code resource} is this server (RFC 9728 §3.3): no authorization request otherwise.
     */
    public ProtectedResourceMetadata protectedResourceMetadata(URI serverUrl, BearerChallenge challenge) {
        List<URI> candidates = prmCandidates(serverUrl, challenge);
        return validated(serverUrl, candidates, firstJson(candidates, ProtectedResourceMetadata.class));
    }

    private static List<URI> prmCandidates(URI serverUrl, BearerChallenge challenge) {
        String pointer = challenge == null ? null : challenge.resourceMetadata();
        if (pointer == null) {
            return WellKnown.protectedResourceMetadataUris(serverUrl);
        }
        URI uri = ResourceUri.parseOrNull(pointer);
        if (uri == null) {
            throw new ServerMisconfiguredException("The WWW-Authenticate resource_metadata of " + serverUrl
                    + " is not an http(s) URL: " + pointer);
        }
        return List.of(uri);
    }

    private static ProtectedResourceMetadata validated(URI serverUrl, List<URI> candidates,
            Optional<ProtectedResourceMetadata> found) {
        ProtectedResourceMetadata prm = found.orElseThrow(() -> new ServerMisconfiguredException(
                "No protected resource metadata found for " + serverUrl + " (tried " + candidates
                        + "). Is this an MCP server that supports authorization?"));
        URI resource = ResourceUri.parseOrNull(prm.resource());
        if (resource == null || !ResourceUri.covers(resource, serverUrl)) {
            throw new ServerMisconfiguredException("The protected resource metadata of " + serverUrl
                    + " is for a different resource: found \"" + prm.resource() + "\", expected \"" + serverUrl
                    + "\". Refusing to authorize.");
        }
        if (prm.authorizationServers() == null || prm.authorizationServers().isEmpty()) {
            throw new ServerMisconfiguredException("The protected resource metadata of " + serverUrl
                    + " lists no authorization_servers.");
        }
        return prm;
    }

    /**
     * Fetches authorization server metadata from the well-known URLs of the issuer, in order; the first JSON answer
     * wins. Its {@code issuer} must equal the issuer exactly (RFC 8414 §3.3) and it must offer PKCE S256.
     */
    public AuthorizationServerMetadata authorizationServerMetadata(String issuer) {
        List<URI> candidates = WellKnown.authorizationServerMetadataUris(URI.create(issuer));
        AuthorizationServerMetadata metadata = firstJson(candidates, AuthorizationServerMetadata.class)
                .orElseThrow(() -> new ServerMisconfiguredException("No authorization server metadata found for "
                        + issuer + " (tried " + candidates + ")."));
        if (!issuer.equals(metadata.issuer())) {
            throw new ServerMisconfiguredException("The authorization server metadata for " + issuer
                    + " names a different issuer: \"" + metadata.issuer() + "\". Refusing to use it.");
        }
        if (!metadata.supportsS256()) {
            throw new ServerMisconfiguredException("The authorization server " + issuer
                    + " does not list S256 in code_challenge_methods_supported (found "
                    + metadata.codeChallengeMethodsSupported() + "); MCP requires PKCE with S256.");
        }
        if (metadata.authorizationEndpoint() == null || metadata.tokenEndpoint() == null) {
            throw new ServerMisconfiguredException("The authorization server metadata of " + issuer
                    + " lacks authorization_endpoint or token_endpoint.");
        }
        return metadata;
    }

    /**
     * MCP 2025-03-26 servers publish no PRM: the authorization server is the MCP server's origin, with RFC 8414
     * metadata there or else the default endpoints {@code /authorize}, {@code /token}, {@code /register}.
     */
    private DiscoveryResult legacy(URI serverUrl, BearerChallenge challenge) {
        URI origin = WellKnown.origin(serverUrl);
        String issuer = origin.toString().substring(0, origin.toString().length() - 1);
        LOG.debugf("No protected resource metadata for %s: using the 2025-03-26 fallback at %s", serverUrl, issuer);
        AuthorizationServerMetadata metadata = firstJson(WellKnown.authorizationServerMetadataUris(origin),
                AuthorizationServerMetadata.class)
                .orElseGet(() -> new AuthorizationServerMetadata(issuer, issuer + "/authorize", issuer + "/token",
                        issuer + "/register", null, null, null, null, null, null, null, null, null, null, null, null,
                        List.of("S256"), null, null, null, null));
        URI legacyIssuer = ResourceUri.parseOrNull(metadata.issuer());
        if (legacyIssuer == null || !WellKnown.origin(legacyIssuer).equals(origin)) {
            throw new ServerMisconfiguredException("The authorization server metadata at " + issuer
                    + " names a different issuer: \"" + metadata.issuer() + "\". Refusing to use it.");
        }
        if (!metadata.supportsS256()) {
            throw new ServerMisconfiguredException("The authorization server " + issuer
                    + " does not list S256 in code_challenge_methods_supported; MCP requires PKCE with S256.");
        }
        ProtectedResourceMetadata prm = new ProtectedResourceMetadata(serverUrl.toString(), List.of(metadata.issuer()),
                null, null, null, null);
        return new DiscoveryResult(serverUrl, challenge, prm, metadata);
    }

    private <T> Optional<T> firstJson(List<URI> candidates, Class<T> type) {
        List<String> serverErrors = new ArrayList<>();
        for (URI candidate : candidates) {
            HttpResult result = http.call(candidate, e -> e.get("application/json"));
            if (result.status() == 200) {
                Optional<T> parsed = Json.read(result.body(), type);
                if (parsed.isPresent()) {
                    return parsed;
                }
                LOG.debugf("%s answered 200 without a %s document", candidate, type.getSimpleName());
            } else if (result.isServerError()) {
                serverErrors.add(candidate + " answered " + result.status());
            }
        }
        if (!serverErrors.isEmpty()) {
            throw new TransientException("Metadata could not be fetched: " + String.join("; ", serverErrors)
                    + ". Try again later.");
        }
        return Optional.empty();
    }
}
