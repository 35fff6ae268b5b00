package dev.portcullis.auth.client;

import dev.portcullis.auth.cimd.UnusableDocument;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.ClientAuthMethod;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * Authenticates a client with the method it registered (RFC 6749 §2.3, OAuth 2.1 §2.4): {@code none} (public
 * clients identify themselves with {@code client_id}), {@code client_secret_basic}, {@code client_secret_post}
 * (the SHA-256 of the presented secret is compared in constant time with the stored one) or
 * {@code private_key_jwt} (RFC 7523). Every failure is the same 401 {@code invalid_client}.
 */
@ApplicationScoped
public class ClientAuthenticator {

    @Inject
    ClientAssertions assertions;

    @Inject
    Clients clients;

    @Inject
    PortcullisConfig config;

    /**
     * Authenticates the client that sent {@code form} (and the {@code Authorization} header) to the endpoint at
     * {@code endpointPath} ({@code /token}, {@code /introspect}, {@code /revoke}). A {@code private_key_jwt}
     * assertion's {@code aud} may name that endpoint, the token endpoint or the issuer (RFC 7523 §3).
     */
    public Client authenticate(MultivaluedMap<String, String> form, String authorization, String endpointPath) {
        List<String> audiences = Stream.of(config.endpoint(endpointPath), config.endpoint("/token"), config.issuer())
                .distinct().toList();
        return authenticate(ClientCredentials.parse(form, authorization), audiences);
    }

    private Client authenticate(ClientCredentials credentials, List<String> audiences) {
        String clientId = credentials.clientId();
        if (ClientAuthMethod.PRIVATE_KEY_JWT.wire().equals(credentials.method())) {
            String claimed = ClientAssertions.claimedClientId(credentials.assertion());
            if (clientId != null && !clientId.equals(claimed)) {
                // RFC 7523 §3.2 invalid_client: client_id and the assertion disagree
                throw invalidClient("client_id differs from the assertion's issuer");
            }
            clientId = claimed;
        }
        Client client;
        try {
            client = clients.find(clientId).orElseThrow(() ->
                    // RFC 6749 §5.2 invalid_client: unknown client
                    invalidClient("Unknown client"));
        } catch (UnusableDocument e) {
            // RFC 6749 §5.2 invalid_client: a document that cannot be used is an unknown client, unless a fetch
            // limit says "later" (429/503 with Retry-After)
            throw e.oauthProblem(() -> invalidClient("Unknown client"));
        }
        if (!client.tokenEndpointAuthMethod.equals(credentials.method())) {
            // RFC 6749 §5.2 invalid_client: not the method the client registered (RFC 7591 §2)
            throw invalidClient("Client authentication failed");
        }
        switch (ClientAuthMethod.of(credentials.method()).orElse(ClientAuthMethod.NONE)) {
            case CLIENT_SECRET_BASIC, CLIENT_SECRET_POST -> {
                if (!Hashes.constantTimeEquals(Hashes.sha256(credentials.secret()), client.clientSecretHash)) {
                    // RFC 6749 §5.2 invalid_client: wrong secret
                    throw invalidClient("Client authentication failed");
                }
            }
            case PRIVATE_KEY_JWT -> assertions.verify(client, credentials.assertion(), audiences);
            default -> {
                // none: nothing to check (OAuth 2.1 §2.4)
            }
        }
        clients.touch(client);
        return client;
    }

    private static OAuthProblem invalidClient(String description) {
        return new OAuthProblem(401, OAuthError.INVALID_CLIENT, description);
    }
}
