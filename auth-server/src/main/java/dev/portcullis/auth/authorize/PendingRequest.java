package dev.portcullis.auth.authorize;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A validated {@link AuthorizationRequest} waiting for sign-in and consent. Its id travels in a hidden form field; its
 * {@link #csrfToken} is a secret that never leaves the server: the forms' tokens are derived from it and the
 * browser's cookie ({@link PendingRequests}).
 */
@Entity
@Table(name = "authorization_requests")
public class PendingRequest extends PanacheEntityBase {

    @Id
    public String id;

    /** The request's own secret, from which the sign-in and consent form tokens are derived; never sent out. */
    @Column(name = "csrf_token", nullable = false)
    public String csrfToken;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "redirect_uri", nullable = false)
    public String redirectUri;

    public String state;

    @Column(name = "code_challenge", nullable = false)
    public String codeChallenge;

    @Column(nullable = false)
    public String scope;

    @Column(nullable = false)
    public String resource;

    /** Set once a user has signed in (or was already signed in) for this request. */
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "auth_time")
    public Instant authTime;

    /** {@code login} or {@code consent} when the client asked for it (OpenID Connect Core §3.1.2.1), else null. */
    public String prompt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** The user of the session signed in for this request, at the session's sign-in time (the tokens' auth_time). */
    public void signedIn(SignInSession session) {
        userId = session.userId;
        authTime = session.authenticatedAt;
    }

    public static Optional<PendingRequest> findUnexpired(String id, Instant now) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return PendingRequest.<PendingRequest>findByIdOptional(id).filter(r -> r.expiresAt.isAfter(now));
    }

    @Override
    public String toString() {
        return "PendingRequest[clientId=" + clientId + ", scope=" + scope + ", resource=" + resource + "]";
    }
}
