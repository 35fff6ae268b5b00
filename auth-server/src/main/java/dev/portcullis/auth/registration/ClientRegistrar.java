package dev.portcullis.auth.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.client.RedirectUris;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.crypto.RandomTokens;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.ClientAuthMethod;
import dev.portcullis.common.oauth.ClientRegistrationRequest;
import dev.portcullis.common.oauth.ClientRegistrationResponse;
import dev.portcullis.common.oauth.GrantType;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Validates client metadata (RFC 7591 §2; OpenID Connect Registration §2 for {@code application_type}) and stores
 * the client. Confidential clients using a secret get a 256-bit random one, stored as its SHA-256; every client gets
 * an RFC 7592 registration access token, likewise stored hashed. Nothing is stored when validation fails.
 */
@ApplicationScoped
public class ClientRegistrar {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> APPLICATION_TYPES = Set.of("web", "native");
    private static final int MAX_NAME = 200;
    private static final int MAX_URI = 2000;
    private static final int MAX_REDIRECT_URIS = 20;
    private static final int MAX_JWKS = 16 * 1024;

    @Inject
    PortcullisConfig config;

    @Inject
    RandomTokens random;

    @Inject
    Clock clock;

    @Transactional
    public ClientRegistrationResponse register(ClientRegistrationRequest request) {
        Client client = validated(request);
        client.clientId = random.next(24);
        client.createdAt = clock.instant();
        String secret = null;
        if (ClientAuthMethod.CLIENT_SECRET_BASIC.wire().equals(client.tokenEndpointAuthMethod)
                || ClientAuthMethod.CLIENT_SECRET_POST.wire().equals(client.tokenEndpointAuthMethod)) {
            secret = random.next(32);
            client.clientSecretHash = Hashes.sha256(secret);
        }
        String registrationToken = random.next(32);
        client.registrationTokenHash = Hashes.sha256(registrationToken);
        client.persist();
        return describe(client, secret, registrationToken);
    }

    /**
     * RFC 7592 §2.2: replaces the client's metadata with the validated request; id, registration access token and
     * creation time stay. A client moving to a secret method without a secret gets a new one (returned once); one
     * moving away from the secret methods loses its secret. Nothing changes when validation fails.
     */
    @Transactional
    public ClientRegistrationResponse update(Client client, ClientRegistrationRequest request) {
        Client validated = validated(request);
        client.clientName = validated.clientName;
        client.redirectUris = validated.redirectUris;
        client.grantTypes = validated.grantTypes;
        client.scope = validated.scope;
        client.tokenEndpointAuthMethod = validated.tokenEndpointAuthMethod;
        client.applicationType = validated.applicationType;
        client.clientUri = validated.clientUri;
        client.jwks = validated.jwks;
        client.jwksUri = validated.jwksUri;
        String secret = null;
        boolean usesSecret = ClientAuthMethod.CLIENT_SECRET_BASIC.wire().equals(client.tokenEndpointAuthMethod)
                || ClientAuthMethod.CLIENT_SECRET_POST.wire().equals(client.tokenEndpointAuthMethod);
        if (usesSecret && client.clientSecretHash == null) {
            secret = random.next(32);
            client.clientSecretHash = Hashes.sha256(secret);
        } else if (!usesSecret) {
            client.clientSecretHash = null;
        }
        return describe(client, secret, null);
    }

    /**
     * Stores (or refreshes) the client a Client ID Metadata Document describes, valid until {@code expiresAt}; it has
     * no secret and no registration access token. Validation is the same as for a registration.
     */
    public Client storeDocumentClient(String clientId, ClientRegistrationRequest document, Instant now, Instant expiresAt) {
        Client validated = validated(document);
        return QuarkusTransaction.requiringNew().call(() -> {
            Client client = Client.<Client>findByIdOptional(clientId).orElse(null);
            boolean created = client == null;
            if (created) {
                client = new Client();
                client.clientId = clientId;
                client.createdAt = now;
            }
            client.clientName = validated.clientName;
            client.redirectUris = validated.redirectUris;
            client.grantTypes = validated.grantTypes;
            client.scope = validated.scope;
            client.tokenEndpointAuthMethod = validated.tokenEndpointAuthMethod;
            client.clientUri = validated.clientUri;
            client.jwks = validated.jwks;
            client.jwksUri = validated.jwksUri;
            client.metadataExpiresAt = expiresAt;
            if (created) {
                client.persist();
            }
            return client;
        });
    }

    /** The client the metadata describes, validated (RFC 7591 §2), without id, secret or token yet. */
    private Client validated(ClientRegistrationRequest request) {
        if (request == null) {
            // RFC 7591 §3.2.2
            throw invalidMetadata("A JSON client metadata object is required");
        }
        String authMethod = request.tokenEndpointAuthMethod() == null ? ClientAuthMethod.NONE.wire()
                : request.tokenEndpointAuthMethod();
        if (!ClientAuthMethod.wireNames().contains(authMethod)) {
            // RFC 7591 §3.2.2 invalid_client_metadata
            throw invalidMetadata("token_endpoint_auth_method must be one of " + ClientAuthMethod.wireNames());
        }
        String applicationType = request.applicationType();
        if (applicationType != null && !APPLICATION_TYPES.contains(applicationType)) {
            // OpenID Connect Registration §2, RFC 7591 §3.2.2 invalid_client_metadata
            throw invalidMetadata("application_type must be \"web\" or \"native\"");
        }
        List<String> grantTypes = validGrantTypes(request.grantTypes(), authMethod);
        boolean redirecting = grantTypes.contains(GrantType.AUTHORIZATION_CODE.wire());
        List<String> redirectUris = redirecting ? validRedirectUris(request.redirectUris(), applicationType)
                : validOptionalRedirectUris(request.redirectUris(), applicationType);
        List<String> responseTypes = redirecting ? List.of("code") : List.of();
        if (request.responseTypes() != null && !responseTypes.equals(request.responseTypes())) {
            // RFC 7591 §2.1: response_types must be consistent with grant_types; only "code" exists here
            throw invalidMetadata("response_types must be " + (redirecting ? "[\"code\"]" : "empty") + " for these grant_types");
        }
        String scope = validScope(request.scope());
        if (request.clientName() != null && request.clientName().length() > MAX_NAME) {
            // RFC 7591 §3.2.2 invalid_client_metadata
            throw invalidMetadata("client_name is too long");
        }
        String clientUri = validWebUri(request.clientUri(), "client_uri");
        String jwksUri = validWebUri(request.jwksUri(), "jwks_uri");
        String jwks = validJwks(request.jwks());
        if (jwks != null && jwksUri != null) {
            // RFC 7591 §2: jwks and jwks_uri must not both be present
            throw invalidMetadata("Use jwks or jwks_uri, not both");
        }
        if (ClientAuthMethod.PRIVATE_KEY_JWT.wire().equals(authMethod) && jwks == null && jwksUri == null) {
            // RFC 7523 §2.2 / RFC 7591 §2: the server needs the client's public keys
            throw invalidMetadata("private_key_jwt requires jwks or jwks_uri");
        }

        Client client = new Client();
        client.clientName = request.clientName() == null || request.clientName().isBlank() ? null : request.clientName().strip();
        client.redirectUris = redirectUris;
        client.grantTypes = grantTypes;
        client.scope = scope;
        client.tokenEndpointAuthMethod = authMethod;
        client.applicationType = applicationType;
        client.clientUri = clientUri;
        client.jwks = jwks;
        client.jwksUri = jwksUri;
        return client;
    }

    /** The client information (RFC 7591 §3.2.1 / RFC 7592 §3); secret and token only right after registration. */
    public ClientRegistrationResponse describe(Client client, String secret, String registrationToken) {
        return new ClientRegistrationResponse(client.clientId, secret, client.createdAt.getEpochSecond(),
                client.clientSecretHash != null ? 0L : null, client.redirectUris, client.tokenEndpointAuthMethod,
                client.grantTypes, client.grantTypes.contains(GrantType.AUTHORIZATION_CODE.wire()) ? List.of("code") : List.of(),
                client.clientName, client.clientUri, client.scope, client.applicationType, client.jwksUri, jsonTree(client.jwks),
                registrationToken, config.endpoint("/register/" + client.clientId));
    }

    /** The stored (validated, compact) JWK Set as a tree for the response; null when there is none. */
    private static JsonNode jsonTree(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("Stored jwks is not JSON", e);
        }
    }

    private static List<String> validRedirectUris(List<String> uris, String applicationType) {
        if (uris == null || uris.isEmpty()) {
            // RFC 7591 §2: redirect_uris is required for the authorization_code grant
            throw OAuthProblem.badRequest(OAuthError.INVALID_REDIRECT_URI, "redirect_uris is required");
        }
        return validOptionalRedirectUris(uris, applicationType);
    }

    private static List<String> validOptionalRedirectUris(List<String> uris, String applicationType) {
        if (uris == null) {
            return List.of();
        }
        if (uris.size() > MAX_REDIRECT_URIS) {
            throw OAuthProblem.badRequest(OAuthError.INVALID_REDIRECT_URI, "Too many redirect_uris");
        }
        for (int i = 0; i < uris.size(); i++) {
            String uri = uris.get(i);
            if (uri == null || uri.length() > MAX_URI || !RedirectUris.isRegistrable(uri)
                    && !RedirectUris.isRegistrable(uri, applicationType)) {
                // RFC 7591 §3.2.2 invalid_redirect_uri; OAuth 2.1 §2.3.1, RFC 6749 §3.1.2, RFC 8252 §7.3/§8.3
                throw OAuthProblem.badRequest(OAuthError.INVALID_REDIRECT_URI, "redirect_uris[" + i
                        + "] must be an absolute https URI, or http on a loopback host, without userinfo or fragment");
            }
            if (applicationType != null && !RedirectUris.isRegistrable(uri, applicationType)) {
                // OpenID Connect Registration §2: web clients use https (no loopback); native ones loopback or a private scheme
                throw OAuthProblem.badRequest(OAuthError.INVALID_REDIRECT_URI,
                        "redirect_uris[" + i + "] is not allowed for application_type " + applicationType + ": " + uri);
            }
        }
        return uris.stream().distinct().toList();
    }

    private static List<String> validGrantTypes(List<String> grantTypes, String authMethod) {
        if (grantTypes == null || grantTypes.isEmpty()) {
            return List.of(GrantType.AUTHORIZATION_CODE.wire()); // RFC 7591 §2 default
        }
        if (grantTypes.stream().anyMatch(g -> g == null || GrantType.of(g).isEmpty())) {
            // RFC 7591 §3.2.2 invalid_client_metadata
            throw invalidMetadata("grant_types may contain only " + GrantType.wireNames());
        }
        if (grantTypes.contains(GrantType.REFRESH_TOKEN.wire()) && !grantTypes.contains(GrantType.AUTHORIZATION_CODE.wire())) {
            throw invalidMetadata("refresh_token requires authorization_code");
        }
        if (grantTypes.contains(GrantType.CLIENT_CREDENTIALS.wire()) && ClientAuthMethod.NONE.wire().equals(authMethod)) {
            // RFC 6749 §4.4: client_credentials is for confidential clients only
            throw invalidMetadata("client_credentials requires a confidential token_endpoint_auth_method");
        }
        return grantTypes.stream().distinct().toList();
    }

    private String validScope(String scope) {
        if (scope == null || scope.isBlank()) {
            return null;
        }
        List<String> scopes = Scope.parse(scope);
        for (String token : scopes) {
            if (!config.scopes().contains(token)) {
                // RFC 7591 §3.2.2 invalid_client_metadata
                throw invalidMetadata("Unsupported scope: " + token);
            }
        }
        return Scope.format(scopes);
    }

    private String validWebUri(String uri, String member) {
        if (uri == null) {
            return null;
        }
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            boolean ok = uri.length() <= MAX_URI && parsed.getHost() != null && parsed.getRawFragment() == null
                    && parsed.getRawUserInfo() == null
                    && (scheme.equals("https") || scheme.equals("http") && config.outbound().isInsecureAllowed(parsed.getHost()));
            if (ok) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // fall through
        }
        // RFC 7591 §3.2.2 invalid_client_metadata
        throw invalidMetadata(member + " must be an absolute https URI without userinfo or fragment");
    }

    /** A JWK Set of public keys only (RFC 7517 §5), re-serialised without anything private. */
    private static String validJwks(JsonNode jwks) {
        if (jwks == null || jwks.isNull()) {
            return null;
        }
        String json = jwks.toString();
        try {
            if (!jwks.isObject() || json.length() > MAX_JWKS) {
                throw new JoseException("not a JWK Set");
            }
            List<JsonWebKey> keys = new JsonWebKeySet(json).getJsonWebKeys();
            if (keys.isEmpty()) {
                throw new JoseException("empty");
            }
            for (JsonWebKey key : keys) {
                if (key instanceof PublicJsonWebKey pub && pub.getPrivateKey() != null || !(key instanceof PublicJsonWebKey)) {
                    throw new JoseException("private or symmetric key");
                }
            }
            return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            // RFC 7591 §3.2.2 invalid_client_metadata
            throw invalidMetadata("jwks must be a JWK Set of public keys");
        }
    }

    private static OAuthProblem invalidMetadata(String description) {
        return OAuthProblem.badRequest(OAuthError.INVALID_CLIENT_METADATA, description);
    }
}
