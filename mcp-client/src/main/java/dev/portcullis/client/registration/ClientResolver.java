package dev.portcullis.client.registration;

import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.client.ServerMisconfiguredException;
import dev.portcullis.client.TransientException;
import dev.portcullis.client.http.Http;
import dev.portcullis.client.http.HttpResult;
import dev.portcullis.client.http.Json;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import dev.portcullis.common.oauth.ClientRegistrationRequest;
import dev.portcullis.common.oauth.ClientRegistrationResponse;
import dev.portcullis.common.oauth.GrantType;
import dev.portcullis.common.oauth.OAuthError;
import java.net.URI;
import java.util.List;

/**
 * Obtains a client identity (MCP 2025-11-25 "Client Registration Approaches"), in this order: the pre-registered
 * client the user configured; a Client ID Metadata Document URL when the user configured one and the authorization
 * server advertises {@code client_id_metadata_document_supported}; else Dynamic Client Registration (RFC 7591) as a
 * native client (RFC 8252).
 */
public final class ClientResolver {

    public static final String CLIENT_NAME = "Portcullis MCP client";

    private final Http http;

    public ClientResolver(Http http) {
        this.http = http;
    }

    /** The client to use at this authorization server; registers only when nothing else applies. */
    public RegisteredClient resolve(AuthorizationServerMetadata metadata, PreRegisteredClient preRegistered,
            URI clientMetadataUrl, URI redirectUri, String scope) {
        return resolve(metadata, preRegistered, clientMetadataUrl, null, redirectUri, scope);
    }

    /**
     * As above; {@code known} is a client this program registered earlier at the same issuer (from the credential
     * store), reused instead of registering again: loopback redirect URIs match on any port (RFC 8252 §7.3).
     */
    public RegisteredClient resolve(AuthorizationServerMetadata metadata, PreRegisteredClient preRegistered,
            URI clientMetadataUrl, RegisteredClient known, URI redirectUri, String scope) {
        if (preRegistered != null) {
            return new RegisteredClient(preRegistered.clientId(), preRegistered.clientSecret(),
                    AuthMethods.forPreRegistered(metadata, preRegistered));
        }
        if (clientMetadataUrl != null && metadata.supportsClientIdMetadataDocuments()) {
            return new RegisteredClient(clientMetadataUrl.toString(), null, AuthMethods.NONE);
        }
        if (known != null && !AuthMethods.PRIVATE_KEY_JWT.equals(known.tokenEndpointAuthMethod())) {
            return known;
        }
        return register(metadata, redirectUri, scope);
    }

    /**
     * The loopback redirect URI of this sign-in, and the same without its port. RFC 8252 §7.3 has the server accept
     * any port for a loopback redirect; some (Keycloak) do so only when the registered URI has no port, so a reused
     * registration (the next sign-in listens on another port) would be refused without the port-less form.
     */
    static List<String> redirectUris(URI redirectUri) {
        if (redirectUri.getPort() < 0) {
            return List.of(redirectUri.toString());
        }
        URI portless = URI.create(redirectUri.getScheme() + "://" + redirectUri.getRawAuthority()
                .substring(0, redirectUri.getRawAuthority().lastIndexOf(':')) + redirectUri.getRawPath());
        return List.of(redirectUri.toString(), portless.toString());
    }

    public RegisteredClient register(AuthorizationServerMetadata metadata, URI redirectUri, String scope) {
        if (metadata.registrationEndpoint() == null) {
            throw new ServerMisconfiguredException("The authorization server " + metadata.issuer()
                    + " offers no registration_endpoint and no Client ID Metadata Documents; configure a"
                    + " pre-registered client with --client-id (and --client-secret).");
        }
        String method = AuthMethods.forRegistration(metadata);
        // No `scope` in the registration (RFC 7591 §2): a server may bind the client to the scopes it registers with,
        // and a later step-up (MCP "Scope Challenge Handling") must be able to ask for more than the first sign-in.
        ClientRegistrationRequest request = new ClientRegistrationRequest(redirectUris(redirectUri), method,
                List.of(GrantType.AUTHORIZATION_CODE.wire(), GrantType.REFRESH_TOKEN.wire()), List.of("code"), CLIENT_NAME, null, null, null, null,
                "dev.portcullis.mcp-client", null, "native", null, null);
        URI endpoint = URI.create(metadata.registrationEndpoint());
        HttpResult result = http.call(endpoint,
                e -> e.postJson("application/json", Json.write(request)), false);
        if (result.isServerError()) {
            throw new TransientException("Client registration at " + endpoint + " failed with HTTP "
                    + result.status() + ". Try again later.");
        }
        if (result.status() != 201 && result.status() != 200) {
            // RFC 7591 §3.2.2: invalid_redirect_uri, invalid_client_metadata, …
            String reason = Json.read(result.body(), OAuthError.class)
                    .map(err -> err.error() + (err.errorDescription() == null ? "" : ": " + err.errorDescription()))
                    .orElse("HTTP " + result.status());
            throw new AuthorizationRequiredException("The authorization server " + metadata.issuer()
                    + " refused to register this client (" + reason + "). Ask its administrator to allow"
                    + " dynamic registration of loopback clients, or configure a pre-registered client with --client-id.");
        }
        ClientRegistrationResponse response = Json.read(result.body(), ClientRegistrationResponse.class)
                .filter(r -> r.clientId() != null && !r.clientId().isBlank())
                .orElseThrow(() -> new ServerMisconfiguredException("The registration endpoint " + endpoint
                        + " answered without a client_id."));
        String granted = response.tokenEndpointAuthMethod() != null ? response.tokenEndpointAuthMethod()
                : (response.clientSecret() != null ? method : AuthMethods.NONE);
        if (AuthMethods.NONE.equals(granted) && response.clientSecret() != null
                && !AuthMethods.supports(metadata, AuthMethods.NONE)) {
            granted = AuthMethods.forSecret(metadata);
        }
        return new RegisteredClient(response.clientId(), response.clientSecret(), granted);
    }
}
