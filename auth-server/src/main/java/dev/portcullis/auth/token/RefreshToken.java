package dev.portcullis.auth.token;

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
 * A refresh token, stored only as its SHA-256 hash. Every rotation creates a new row in the same family and marks
 * the old one used; presenting a used token revokes the family (OAuth 2.1 §4.3.1, RFC 9700 §4.14.2).
 */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "family_id", nullable = false)
    public UUID familyId;

    /** Hash of the authorization code the family descends from, to revoke it if that code is replayed. */
    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(nullable = false)
    public String scope;

    @Column(nullable = false)
    public String resource;

    @Column(name = "auth_time", nullable = false)
    public Instant authTime;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(nullable = false)
    public boolean used;

    @Column(nullable = false)
    public boolean revoked;

    /** When the token was rotated; a presentation that started before this raced the rotation. */
    @Column(name = "used_at")
    public Instant usedAt;

    /**
     * The successor this token was rotated to, sealed under a key only this token's plaintext gives
     * ({@link SuccessorSeal}); null before rotation.
     */
    @Column(name = "successor_sealed")
    public byte[] successorSealed;

    /**
     * The liveness rule in SQL, for the statements that must apply it in the database (alias {@code r}, one timestamp
     * parameter: now). It is {@link #isLive} word for word: not used, not revoked, not expired.
     */
    static final String LIVE_SQL = "NOT r.used AND NOT r.revoked AND r.expires_at > ?";

    /** Whether the token can still be rotated: not used, not revoked, not expired (as {@link #LIVE_SQL}). */
    public boolean isLive(Instant now) {
        return !used && !revoked && expiresAt.isAfter(now);
    }

    /** Reads and locks the row (SELECT … FOR UPDATE): concurrent refreshes with one token are serialised. */
    public static Optional<RefreshToken> findForUpdate(String tokenHash) {
        return find("tokenHash", tokenHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static long revokeFamily(UUID familyId) {
        return update("revoked = true where familyId = ?1", familyId);
    }

    /** Revokes every unrevoked token of the client's families for one user (consent withdrawn). */
    public static long revokeForUserAndClient(UUID userId, String clientId) {
        return update("revoked = true where userId = ?1 and clientId = ?2 and revoked = false", userId, clientId);
    }

    public static long revokeIssuedFromCode(String codeHash) {
        return update("revoked = true where codeHash = ?1", codeHash);
    }
}
