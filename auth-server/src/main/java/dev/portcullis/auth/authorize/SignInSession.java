package dev.portcullis.auth.authorize;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A browser sign-in session; the cookie holds the random id, the database only its SHA-256 hash. */
@Entity
@Table(name = "sign_in_sessions")
public class SignInSession extends PanacheEntityBase {

    @Id
    @Column(name = "id_hash")
    public String idHash;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "authenticated_at", nullable = false)
    public Instant authenticatedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
