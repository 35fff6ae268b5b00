package dev.portcullis.auth.registration;

import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.client.RedirectUris;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.RandomTokens;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.ClientRegistrationRequest;
import dev.portcullis.common.oauth.ClientRegistrationResponse;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Validates client metadata (RFC 7591 §2) and stores the client. */
@ApplicationScoped
public class ClientRegistrar {

    private static final Set<String> GRANT_TYPES = Set.of(Client.GRANT_AUTHORIZATION_CODE, Client.GRANT_REFRESH_TOKEN);
    private static final int MAX_NAME = 200;

    @Inject
    PortcullisConfig config;

    @Inject
    RandomTokens random;

    @Inject
    Clock clock;

    @Transactional
    public ClientRegistrationResponse register(ClientRegistrationRequest request) {
        if (request == null) {
            // RFC 7591 §3.2.2
            throw invalidMetadata("A JSON client metadata object is required");
        }
        String authMethod = request.tokenEndpointAuthMethod() == null ? Client.AUTH_METHOD_NONE
                : request.tokenEndpointAuthMethod();
        if (!Client.AUTH_METHOD_NONE.equals(authMethod)) {
            // RFC 7591 §3.2.2 invalid_client_metadata: only public clients are supported so far
            throw invalidMetadata("token_endpoint_auth_method must be \"none\"");
        }
        List<String> redirectUris = validRedirectUris(request.redirectUris());
        List<String> grantTypes = validGrantTypes(request.grantTypes());
        if (request.responseTypes() != null && !List.of("code").equals(request.responseTypes())) {
            // RFC 7591 §2.1: response_types must be consistent with grant_types; only "code" exists here
            throw invalidMetadata("response_types must be [\"code\"]");
        }
        String scope = validScope(request.scope());
        if (request.clientName() != null && request.clientName().length() > MAX_NAME) {
            throw invalidMetadata("client_name is too long");
        }

        Client client = new Client();
        client.clientId = random.next(24);
        client.clientName = request.clientName() == null || request.clientName().isBlank() ? null : request.clientName().strip();
        client.redirectUris = redirectUris;
        client.grantTypes = grantTypes;
        client.scope = scope;
        client.tokenEndpointAuthMethod = authMethod;
        client.applicationType = request.applicationType();
        client.createdAt = clock.instant();
        client.persist();

        return new ClientRegistrationResponse(client.clientId, null, client.createdAt.getEpochSecond(), null,
                client.redirectUris, client.tokenEndpointAuthMethod, client.grantTypes, List.of("code"),
                client.clientName, client.scope, client.applicationType);
    }

    private static List<String> validRedirectUris(List<String> uris) {
        if (uris == null || uris.isEmpty()) {
            // RFC 7591 §2: redirect_uris is required for the authorization_code grant
            throw OAuthProblem.badRequest(OAuthError.INVALID_REDIRECT_URI, "redirect_uris is required");
        }
        for (String uri : uris) {
            if (!RedirectUris.isRegistrable(uri)) {
                // RFC 7591 §3.2.2 invalid_redirect_uri; OAuth 2.1 §2.3.1, RFC 8252 §7.3/§8.3
                throw OAuthProblem.badRequest(OAuthError.INVALID_REDIRECT_URI,
                        "Redirect URIs must be absolute https URIs, or http on a loopback host, without a fragment");
            }
        }
        return List.copyOf(uris);
    }

    private static List<String> validGrantTypes(List<String> grantTypes) {
        if (grantTypes == null || grantTypes.isEmpty()) {
            return List.of(Client.GRANT_AUTHORIZATION_CODE); // RFC 7591 §2 default
        }
        if (!GRANT_TYPES.containsAll(grantTypes) || !grantTypes.contains(Client.GRANT_AUTHORIZATION_CODE)) {
            // RFC 7591 §3.2.2 invalid_client_metadata
            throw invalidMetadata("grant_types must be authorization_code, optionally with refresh_token");
        }
        return grantTypes.stream().distinct().toList();
    }

    private String validScope(String scope) {
        if (scope == null || scope.isBlank()) {
            return null;
        }
        for (String token : scope.trim().split("\\s+")) {
            if (!config.scopes().contains(token)) {
                // RFC 7591 §3.2.2 invalid_client_metadata
                throw invalidMetadata("Unsupported scope: " + token);
            }
        }
        return String.join(" ", scope.trim().split("\\s+"));
    }

    private static OAuthProblem invalidMetadata(String description) {
        return OAuthProblem.badRequest(OAuthError.INVALID_CLIENT_METADATA, description);
    }
}
