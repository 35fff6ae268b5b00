package dev.portcullis.client.token;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portcullis.client.registration.RegisteredClient;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import dev.portcullis.common.oauth.Scope;
import dev.portcullis.common.oauth.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a later process needs to use and refresh a grant without a browser: one record per
 * (issuer, resource). Secrets never appear in {@link #toString()}.
 *
 * @param resource  the MCP server's resource identifier (the {@code resource} of its PRM)
 * @param issuedAt  when this client received the access token; null in records written before it was kept (their
 *                  token's lifetime is unknown until the next refresh)
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
        @JsonProperty("issued_at") Instant issuedAt,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("refresh_token") String refreshToken) {

    @JsonCreator
    public StoredCredentials {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** A record whose access token's issue time is unknown, as in files written before it was kept. */
    public StoredCredentials(String resource, String issuer, AuthorizationServerMetadata authorizationServer,
            String clientId, String clientSecret, String tokenEndpointAuthMethod, String accessToken,
            Instant expiresAt, List<String> scopes, String refreshToken) {
        this(resource, issuer, authorizationServer, clientId, clientSecret, tokenEndpointAuthMethod, accessToken, null,
                expiresAt, scopes, refreshToken);
    }

    /** A new record from a token response; {@code requestedScopes} apply when the response omits scope (RFC 6749 §5.1). */
    public static StoredCredentials from(String resource, AuthorizationServerMetadata metadata, RegisteredClient client,
            TokenResponse tokens, List<String> requestedScopes, Clock clock) {
        Instant now = clock.instant();
        return new StoredCredentials(resource, metadata.issuer(), metadata, client.clientId(), client.clientSecret(),
                client.tokenEndpointAuthMethod(), tokens.accessToken(), now, expiry(tokens, now),
                tokens.scope() != null ? Scope.parse(tokens.scope()) : requestedScopes,
                tokens.refreshToken());
    }

    /** This record after a refresh: a rotated refresh token replaces the old one; absent, the old one stays (RFC 6749 §6). */
    public StoredCredentials refreshed(TokenResponse tokens, Clock clock) {
        Instant now = clock.instant();
        return new StoredCredentials(resource, issuer, authorizationServer, clientId, clientSecret,
                tokenEndpointAuthMethod, tokens.accessToken(), now, expiry(tokens, now),
                tokens.scope() != null ? Scope.parse(tokens.scope()) : scopes,
                tokens.refreshToken() != null ? tokens.refreshToken() : refreshToken);
    }

    @JsonIgnore
    public RegisteredClient client() {
        return new RegisteredClient(clientId, clientSecret, tokenEndpointAuthMethod);
    }

    /** How long the access token was given to live, or null when the server did not say or the record predates it. */
    @JsonIgnore
    public Duration lifetime() {
        return issuedAt == null || expiresAt == null ? null : Duration.between(issuedAt, expiresAt);
    }

    /**
     * True when {@code other} holds other tokens than this record: a refresh (or a new sign-in) happened in between.
     * The refresh token shows it where the server rotates refresh tokens, the access token where it does not.
     */
    public boolean replacedBy(StoredCredentials other) {
        return !Objects.equals(refreshToken, other.refreshToken) || !Objects.equals(accessToken, other.accessToken);
    }

    /** True when the access token is past its expiry or will be within {@code margin}. */
    public boolean expiresWithin(Duration margin, Clock clock) {
        return expiresAt != null && !clock.instant().plus(margin).isBefore(expiresAt);
    }

    private static Instant expiry(TokenResponse tokens, Instant now) {
        return tokens.expiresIn() == null ? null : now.plusSeconds(tokens.expiresIn());
    }

    @Override
    public String toString() {
        return "StoredCredentials[resource=" + resource + ", issuer=" + issuer + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? null : "***")
                + ", tokenEndpointAuthMethod=" + tokenEndpointAuthMethod + ", accessToken=***"
                + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + ", scopes=" + scopes
                + ", refreshToken=" + (refreshToken == null ? null : "***") + "]";
    }
}
