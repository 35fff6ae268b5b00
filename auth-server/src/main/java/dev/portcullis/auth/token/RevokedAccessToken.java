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

    public static boolean isRevoked(String jti) {
        return jti != null && count("jti", jti) > 0;
    }
}
