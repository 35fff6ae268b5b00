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
import dev.portcullis.common.oauth.OAuthError;
import java.net.URI;
import java.util.List;

/** Obtains a client identity: Dynamic Client Registration (RFC 7591) as a public native client (RFC 8252). */
public final class ClientRegistrar {

    public static final String CLIENT_NAME = "Portcullis MCP client";

    private final Http http;

    public ClientRegistrar(Http http) {
        this.http = http;
    }

    public RegisteredClient register(AuthorizationServerMetadata metadata, URI redirectUri, String scope) {
        if (metadata.registrationEndpoint() == null) {
            throw new ServerMisconfiguredException("The authorization server " + metadata.issuer()
                    + " offers no registration_endpoint, and this client has no pre-registered client id for it.");
        }
        ClientRegistrationRequest request = ClientRegistrationRequest.publicNativeClient(
                CLIENT_NAME, List.of(redirectUri.toString()), scope);
        URI endpoint = URI.create(metadata.registrationEndpoint());
        HttpResult result = http.call(endpoint,
                e -> e.postJson("application/json", null, null, null, Json.write(request)));
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
                    + " dynamic registration of public loopback clients.");
        }
        ClientRegistrationResponse response = Json.read(result.body(), ClientRegistrationResponse.class)
                .filter(r -> r.clientId() != null && !r.clientId().isBlank())
                .orElseThrow(() -> new ServerMisconfiguredException("The registration endpoint " + endpoint
                        + " answered without a client_id."));
        return new RegisteredClient(response.clientId(), response.clientSecret(),
                response.tokenEndpointAuthMethod() != null ? response.tokenEndpointAuthMethod() : "none");
    }
}
