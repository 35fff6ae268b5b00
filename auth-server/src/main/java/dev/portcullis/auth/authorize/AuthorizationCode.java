package dev.portcullis.auth.authorize;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An issued authorization code, stored only as the SHA-256 hash of the code. Bound to client, redirect URI,
 * PKCE challenge, scope, resource and user (OAuth 2.1 §4.1.2); single use.
 */
@Entity
@Table(name = "authorization_codes")
public class AuthorizationCode extends PanacheEntityBase {

    @Id
    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "redirect_uri", nullable = false)
    public String redirectUri;

    @Column(name = "code_challenge", nullable = false)
    public String codeChallenge;

    @Column(nullable = false)
    public String scope;

    @Column(nullable = false)
    public String resource;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "auth_time", nullable = false)
    public Instant authTime;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(nullable = false)
    public boolean used;

    /** Reads and locks the row (SELECT … FOR UPDATE) so that two redemptions of one code are serialised. */
    public static Optional<AuthorizationCode> findForUpdate(String codeHash) {
        return find("codeHash", codeHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
