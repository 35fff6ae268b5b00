package dev.portcullis.auth.authorize;

import dev.portcullis.auth.token.RefreshToken;
import dev.portcullis.common.oauth.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Remembered consent per (user, client, resource): a later request for the same or narrower scopes skips the
 * consent page. Withdrawing consent also revokes the client's refresh tokens for that user. Callers provide the
 * transaction.
 */
@ApplicationScoped
public class Consents {

    @Inject
    Clock clock;

    @Inject
    EntityManager entityManager;

    /**
     * Whether the request, its user known, skips the consent page: the user approved as much before, and the client did
     * not ask for the page again ({@code prompt=consent}, OpenID Connect Core §3.1.2.1).
     */
    public boolean skipPage(PendingRequest request) {
        return request.prompt == null && covers(request.userId, request.clientId, request.resource, request.scope);
    }

    public boolean covers(UUID userId, String clientId, String resource, String scope) {
        return Consent.<Consent>findByIdOptional(new Consent.Key(userId, clientId, resource))
                .map(c -> Scope.parse(c.scope).containsAll(Scope.parse(scope))).orElse(false);
    }

    /**
     * Remembers the approval; the stored scope grows to the union of everything approved. One upsert, so that two
     * concurrent approvals (or replicas) cannot collide on the primary key.
     */
    public void remember(UUID userId, String clientId, String resource, String scope) {
        entityManager.createNativeQuery("INSERT INTO consents (user_id, client_id, resource, scope, granted_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_id, client_id, resource) DO UPDATE SET "
                        + "scope = array_to_string(ARRAY(SELECT DISTINCT s FROM unnest(string_to_array("
                        + "consents.scope || ' ' || EXCLUDED.scope, ' ')) AS s ORDER BY s), ' '), granted_at = EXCLUDED.granted_at")
                .setParameter(1, userId).setParameter(2, clientId).setParameter(3, resource).setParameter(4, scope)
                .setParameter(5, clock.instant()).executeUpdate();
    }

    /** Forgets every consent of the user for the client and revokes the client's refresh tokens for the user. */
    public long withdraw(UUID userId, String clientId) {
        Consent.delete("id.userId = ?1 and id.clientId = ?2", userId, clientId);
        return RefreshToken.revokeForUserAndClient(userId, clientId);
    }

    public List<Consent> of(UUID userId) {
        return Consent.ofUser(userId);
    }
}
