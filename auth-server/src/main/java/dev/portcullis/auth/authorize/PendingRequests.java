package dev.portcullis.auth.authorize;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.RandomTokens;
import dev.portcullis.auth.error.PageProblem;
import dev.portcullis.auth.web.BrowserForms;
import dev.portcullis.common.oauth.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;

/**
 * Opens the pending request of a valid {@link AuthorizationRequest}, loads the pending request a form names, and makes
 * and checks the forms' CSRF tokens ({@link BrowserForms}): the sign-in form's is bound to the browser's pre-session
 * cookie, the consent form's to its session cookie, both to the request's own secret
 * ({@link PendingRequest#csrfToken}, which never leaves the server).
 */
@ApplicationScoped
public class PendingRequests {

    static final String RETRY = "Return to the application and try again.";

    @Inject
    PortcullisConfig config;

    @Inject
    RandomTokens random;

    @Inject
    Clock clock;

    @Inject
    EntityManager entityManager;

    @Inject
    BrowserForms forms;

    /**
     * A pending request for the validated request, with a new id and secret; not stored yet (it is stored only when a
     * page is shown). {@code prompt=consent} is kept, since it still matters after sign-in.
     */
    PendingRequest open(AuthorizationRequest request) {
        PendingRequest pending = new PendingRequest();
        pending.id = random.next();
        pending.csrfToken = random.next();
        pending.clientId = request.client().clientId;
        pending.redirectUri = request.redirectUri();
        pending.state = request.state();
        pending.codeChallenge = request.codeChallenge();
        pending.scope = Scope.format(request.scopes());
        pending.resource = request.resource();
        pending.prompt = request.prompts("consent") ? "consent" : null;
        pending.createdAt = clock.instant();
        pending.expiresAt = pending.createdAt.plus(config.authorize().requestLifetime());
        return pending;
    }

    public PendingRequest require(String requestId) {
        return PendingRequest.findUnexpired(requestId, clock.instant())
                .orElseThrow(() -> new PageProblem("This sign-in request is unknown or has expired. " + RETRY));
    }

    String signInToken(PendingRequest request, String preSessionSecret) {
        return forms.token(preSessionSecret, "sign-in:" + request.csrfToken);
    }

    /** CSRF defence (RFC 6749 §10.12, OAuth 2.1 §7.11): the sign-in form must have been shown in this browser. */
    void verifySignIn(PendingRequest request, String preSessionCookie, String presented) {
        forms.verify(preSessionCookie, "sign-in:" + request.csrfToken, presented, RETRY);
    }

    String consentToken(PendingRequest request, String sessionSecret) {
        return forms.token(sessionSecret, "consent:" + request.csrfToken);
    }

    /** CSRF defence (RFC 6749 §10.12, OAuth 2.1 §7.11): the consent form must have been shown in this session. */
    void verifyConsent(PendingRequest request, String sessionCookie, String presented) {
        forms.verify(sessionCookie, "consent:" + request.csrfToken, presented, RETRY);
    }

    /**
     * Consumes the pending request: a row-level delete, so that of several concurrent submissions of the same form
     * (a double click, ten tabs, a replica each) exactly one goes on to answer the client; the others see the row
     * gone and get the error page, never a second code. The entity is detached first: its changes are not written.
     */
    public void consume(PendingRequest request) {
        entityManager.detach(request);
        if (PendingRequest.delete("id", request.id) == 0) {
            throw new PageProblem("This sign-in request has already been answered. Return to the application.");
        }
    }
}
