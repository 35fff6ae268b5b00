package dev.portcullis.client.token;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portcullis.client.registration.RegisteredClient;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.common.oauth.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a later process needs to use and refresh a grant without a browser: one record per
 * (issuer, resource). Secrets never appear in {@link #toString()}.
 *
 * @param resource  the MCP server's resource identifier (the {@code resource} of its PRM)
 * @param expiresAt absolute expiry of the access token, or null when the server did not say
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredCredentials(
        @JsonProperty("resource") String resource,
        @JsonProperty("issuer") String issuer,
        @JsonProperty("authorization_server") AuthorizationServerMetadata authorizationServer,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("refresh_token") String refreshToken) {

    public StoredCredentials {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** A new record from a token response; {@code requestedScopes} apply when the response omits scope (RFC 6749 §5.1). */
    public static StoredCredentials from(String resource, AuthorizationServerMetadata metadata, RegisteredClient client,
            TokenResponse tokens, List<String> requestedScopes, Clock clock) {
        return new StoredCredentials(resource, metadata.issuer(), metadata, client.clientId(), client.clientSecret(),
                client.tokenEndpointAuthMethod(), tokens.accessToken(), expiry(tokens, clock),
                tokens.scope() != null ? BearerChallenge.scopes(tokens.scope()) : requestedScopes,
                tokens.refreshToken());
    }

    /** This record after a refresh: a rotated refresh token replaces the old one; absent, the old one stays (RFC 6749 §6). */
    public StoredCredentials refreshed(TokenResponse tokens, Clock clock) {
        return new StoredCredentials(resource, issuer, authorizationServer, clientId, clientSecret,
                tokenEndpointAuthMethod, tokens.accessToken(), expiry(tokens, clock),
                tokens.scope() != null ? BearerChallenge.scopes(tokens.scope()) : scopes,
                tokens.refreshToken() != null ? tokens.refreshToken() : refreshToken);
    }

    @JsonIgnore
    public RegisteredClient client() {
        return new RegisteredClient(clientId, clientSecret, tokenEndpointAuthMethod);
    }

    /** True when the access token is past its expiry or will be within {@code margin}. */
    public boolean expiresWithin(Duration margin, Clock clock) {
        return expiresAt != null && !clock.instant().plus(margin).isBefore(expiresAt);
    }

    private static Instant expiry(TokenResponse tokens, Clock clock) {
        return tokens.expiresIn() == null ? null : clock.instant().plusSeconds(tokens.expiresIn());
    }

    @Override
    public String toString() {
        return "StoredCredentials[resource=" + resource + ", issuer=" + issuer + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? null : "***")
                + ", tokenEndpointAuthMethod=" + tokenEndpointAuthMethod + ", accessToken=***"
                + ", expiresAt=" + expiresAt + ", scopes=" + scopes
                + ", refreshToken=" + (refreshToken == null ? null : "***") + "]";
    }
}
