package dev.portcullis.auth.client;

import dev.portcullis.common.oauth.ClientAuthMethod;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A registered client (RFC 7591): public ({@code none}) or confidential ({@code client_secret_basic},
 * {@code client_secret_post}, {@code private_key_jwt}). Secrets and registration access tokens are stored only as
 * SHA-256 hashes of 256-bit random values.
 */
@Entity
@Table(name = "clients")
public class Client extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(name = "client_name")
    public String clientName;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "redirect_uris", nullable = false)
    public List<String> redirectUris;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "grant_types", nullable = false)
    public List<String> grantTypes;

    public String scope;

    @Column(name = "token_endpoint_auth_method", nullable = false)
    public String tokenEndpointAuthMethod;

    @Column(name = "application_type")
    public String applicationType;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** SHA-256 (base64url) of the client secret; null for other methods. */
    @Column(name = "client_secret_hash")
    public String clientSecretHash;

    /** The registered JWK Set (JSON) for {@code private_key_jwt}, or null. */
    public String jwks;

    @Column(name = "jwks_uri")
    public String jwksUri;

    @Column(name = "client_uri")
    public String clientUri;

    /** SHA-256 of the RFC 7592 registration access token; null for clients not registered dynamically. */
    @Column(name = "registration_token_hash")
    public String registrationTokenHash;

    /** Last successful token request; dynamic registrations never used are purged after a while. */
    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    /** For clients known from a Client ID Metadata Document: when the cached document must be fetched again. */
    @Column(name = "metadata_expires_at")
    public Instant metadataExpiresAt;

    public static Optional<Client> findByClientId(String clientId) {
        return clientId == null ? Optional.empty() : findByIdOptional(clientId);
    }

    /** What the consent page calls the client. */
    public String displayName() {
        return clientName == null || clientName.isBlank() ? clientId : clientName;
    }

    public boolean isConfidential() {
        return !ClientAuthMethod.NONE.wire().equals(tokenEndpointAuthMethod);
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }

    /** Whether {@code requested} is one of the registered redirect URIs (RFC 8252 §7.3 port rule for loopback). */
    public boolean hasRedirectUri(String requested) {
        return redirectUris.stream().anyMatch(registered -> RedirectUris.matches(registered, requested));
    }

    @Override
    public String toString() {
        return "Client[clientId=" + clientId + ", tokenEndpointAuthMethod=" + tokenEndpointAuthMethod + "]";
    }
}
