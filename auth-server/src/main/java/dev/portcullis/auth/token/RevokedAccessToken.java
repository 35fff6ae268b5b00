package dev.portcullis.auth.token;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A revoked access token (RFC 7009 §2), by {@code jti}, kept until it would have expired anyway. */
@Entity
@Table(name = "revoked_access_tokens")
public class RevokedAccessToken extends PanacheEntityBase {

    @Id
    public String jti;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /**
     * Puts the token on the denylist. One statement that tolerates the row being there already, so that concurrent
     * revocations of the same token (RFC 7009 §2.2: each is answered 200) cannot collide on the primary key.
     */
    public static void revoke(String jti, Instant expiresAt) {
        getEntityManager().createNativeQuery(
                        "INSERT INTO revoked_access_tokens (jti, expires_at) VALUES (?1, ?2) ON CONFLICT (jti) DO NOTHING")
                .setParameter(1, jti).setParameter(2, expiresAt).executeUpdate();
    }

    public static boolean isRevoked(String jti) {
        return jti != null && count("jti", jti) > 0;
    }
}
