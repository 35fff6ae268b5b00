package dev.portcullis.auth.client;

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

/** A registered client (RFC 7591). Only public clients ({@code token_endpoint_auth_method=none}) for now. */
@Entity
@Table(name = "clients")
public class Client extends PanacheEntityBase {

    public static final String AUTH_METHOD_NONE = "none";
    public static final String GRANT_AUTHORIZATION_CODE = "authorization_code";
    public static final String GRANT_REFRESH_TOKEN = "refresh_token";

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

    public static Optional<Client> findByClientId(String clientId) {
        return clientId == null ? Optional.empty() : findByIdOptional(clientId);
    }

    /** What the consent page calls the client. */
    public String displayName() {
        return clientName == null || clientName.isBlank() ? clientId : clientName;
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }

    /** Whether {@code requested} is one of the registered redirect URIs (RFC 8252 §7.3 port rule for loopback). */
    public boolean hasRedirectUri(String requested) {
        return redirectUris.stream().anyMatch(registered -> RedirectUris.matches(registered, requested));
    }
}
