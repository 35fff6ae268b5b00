package dev.portcullis.client.token;

import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.client.ServerMisconfiguredException;
import dev.portcullis.client.TransientException;
import dev.portcullis.client.http.Http;
import dev.portcullis.client.http.HttpResult;
import dev.portcullis.client.http.Json;
import dev.portcullis.client.registration.ClientKey;
import dev.portcullis.client.registration.RegisteredClient;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import dev.portcullis.common.oauth.ClientAuthMethod;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.TokenRequest;
import dev.portcullis.common.oauth.TokenResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token endpoint requests (RFC 6749 §4.1.3, §6 with RFC 7636 §4.5 and RFC 8707 §2.2). Never retried: a code is
 * single-use and a refresh token rotates, so a repeated request would fail or revoke the grant.
 */
public final class TokenClient {

    public static final String JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final Http http;
    private final ClientKey key;
    private final Clock clock;

    public TokenClient(Http http) {
        this(http, null, Clock.systemUTC());
    }

    /** @param key signs client assertions for {@code private_key_jwt} clients; may be null */
    public TokenClient(Http http, ClientKey key, Clock clock) {
        this.http = http;
        this.key = key;
        this.clock = clock;
    }

    /** The client credentials grant (RFC 6749 §4.4; MCP extension SEP-1046): a confidential client on its own behalf. */
    public TokenResponse clientCredentials(AuthorizationServerMetadata metadata, RegisteredClient client, String scope,
            String resource) {
        return post(metadata, client, TokenRequest.clientCredentials(scope, resource).toForm());
    }

    public TokenResponse exchangeCode(AuthorizationServerMetadata metadata, RegisteredClient client, String code,
            String codeVerifier, URI redirectUri, String resource) {
        return post(metadata, client,
                TokenRequest.authorizationCode(code, redirectUri.toString(), codeVerifier, resource).toForm());
    }

    public TokenResponse refresh(AuthorizationServerMetadata metadata, RegisteredClient client, String refreshToken,
            String resource) {
        return post(metadata, client, TokenRequest.refresh(refreshToken, resource).toForm());
    }

    /**
     * Revokes a token (RFC 7009 §2.1) with the client's authentication. Returns normally when the server confirmed
     * (200, also for tokens it did not know, §2.2); throws {@link TokenRequestException} or {@link TransientException}
     * otherwise. Never retried.
     */
    public void revoke(AuthorizationServerMetadata metadata, RegisteredClient client, String token, String hint) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        form.put("token_type_hint", hint);
        String authorization = authenticate(metadata, client, form);
        URI endpoint = URI.create(metadata.revocationEndpoint());
        String body = TokenRequest.encode(form);
        HttpResult result = http.call(endpoint, e -> e.postForm("application/json", authorization, body), false);
        if (result.status() == 200) {
            return;
        }
        if (result.isServerError()) {
            throw new TransientException("The revocation endpoint " + endpoint + " failed with HTTP " + result.status());
        }
        OAuthError error = Json.read(result.body(), OAuthError.class).filter(err -> err.error() != null)
                .orElse(OAuthError.of("invalid_request", "HTTP " + result.status() + " without an OAuth error body"));
        throw new TokenRequestException("The authorization server refused to revoke the token (" + error.error()
                + ")", error);
    }

    private TokenResponse post(AuthorizationServerMetadata metadata, RegisteredClient client, Map<String, String> form) {
        String authorization = authenticate(metadata, client, form);
        URI endpoint = URI.create(metadata.tokenEndpoint());
        String body = TokenRequest.encode(form);
        HttpResult result = http.call(endpoint, e -> e.postForm("application/json", authorization, body), false);
        if (result.status() == 200) {
            TokenResponse tokens = Json.read(result.body(), TokenResponse.class)
                    .filter(t -> t.accessToken() != null && !t.accessToken().isBlank())
                    .orElseThrow(() -> new ServerMisconfiguredException("The token endpoint " + endpoint
                            + " answered 200 without an access_token."));
            if (tokens.tokenType() == null || !"bearer".equalsIgnoreCase(tokens.tokenType())) {
                throw new ServerMisconfiguredException("The token endpoint " + endpoint + " issued a token of type "
                        + tokens.tokenType() + "; only Bearer tokens are supported.");
            }
            return tokens;
        }
        if (result.isServerError()) {
            throw new TransientException("The token endpoint " + endpoint + " failed with HTTP " + result.status()
                    + ". Try again later.");
        }
        OAuthError error = Json.read(result.body(), OAuthError.class)
                .filter(err -> err.error() != null)
                .orElse(OAuthError.of("invalid_request", "HTTP " + result.status() + " without an OAuth error body"));
        throw new TokenRequestException("The authorization server refused the token request ("
                + error.error() + (error.errorDescription() == null ? "" : ": " + error.errorDescription())
                + "). Sign in again with the login command.", error);
    }

    /**
     * Client authentication (RFC 6749 §2.3, RFC 7523 §2.2): adds the body parameters of the client's method to
     * {@code form}; returns the Authorization header value for client_secret_basic, else null.
     */
    private String authenticate(AuthorizationServerMetadata metadata, RegisteredClient client, Map<String, String> form) {
        switch (ClientAuthMethod.of(client.tokenEndpointAuthMethod()).orElse(ClientAuthMethod.NONE)) {
            case CLIENT_SECRET_BASIC -> {
                return basic(client);
            }
            case CLIENT_SECRET_POST -> {
                form.put("client_id", client.clientId());
                form.put("client_secret", client.clientSecret());
            }
            case PRIVATE_KEY_JWT -> {
                if (key == null) {
                    throw new AuthorizationRequiredException("The client " + client.clientId()
                            + " authenticates with private_key_jwt, but no private key is configured.");
                }
                form.put("client_id", client.clientId());
                form.put("client_assertion_type", JWT_BEARER_ASSERTION);
                form.put("client_assertion", key.assertion(client.clientId(), metadata.issuer(), clock));
            }
            case NONE -> form.put("client_id", client.clientId()); // public client (RFC 6749 §3.2.1)
        }
        return null;
    }

    /** RFC 6749 §2.3.1: client id and secret form-url-encoded, then Basic. */
    private static String basic(RegisteredClient client) {
        String pair = URLEncoder.encode(client.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(client.clientSecret() == null ? "" : client.clientSecret(), StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
