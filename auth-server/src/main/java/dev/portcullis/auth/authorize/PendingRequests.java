package dev.portcullis.auth.authorize;

import dev.portcullis.auth.error.PageProblem;
import dev.portcullis.auth.web.BrowserForms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;

/**
 * Loads the pending request a form names, and makes and checks the forms' CSRF tokens ({@link BrowserForms}): the
 * sign-in form's is bound to the browser's pre-session cookie, the consent form's to its session cookie, both to the
 * request's own secret ({@link AuthorizationRequest#csrfToken}, which never leaves the server).
 */
@ApplicationScoped
public class PendingRequests {

    static final String RETRY = "Return to the application and try again.";

    @Inject
    Clock clock;

    @Inject
    EntityManager entityManager;

    @Inject
    BrowserForms forms;

    public AuthorizationRequest require(String requestId) {
        return AuthorizationRequest.findUnexpired(requestId, clock.instant())
                .orElseThrow(() -> new PageProblem("This sign-in request is unknown or has expired. " + RETRY));
    }

    String signInToken(AuthorizationRequest request, String preSessionSecret) {
        return forms.token(preSessionSecret, "sign-in:" + request.csrfToken);
    }

    /** CSRF defence (RFC 6749 §10.12, OAuth 2.1 §7.11): the sign-in form must have been shown in this browser. */
    void verifySignIn(AuthorizationRequest request, String preSessionCookie, String presented) {
        forms.verify(preSessionCookie, "sign-in:" + request.csrfToken, presented, RETRY);
    }

    String consentToken(AuthorizationRequest request, String sessionSecret) {
        return forms.token(sessionSecret, "consent:" + request.csrfToken);
    }

    /** CSRF defence (RFC 6749 §10.12, OAuth 2.1 §7.11): the consent form must have been shown in this session. */
    void verifyConsent(AuthorizationRequest request, String sessionCookie, String presented) {
        forms.verify(sessionCookie, "consent:" + request.csrfToken, presented, RETRY);
    }

    /**
     * Consumes the pending request: a row-level delete, so that of several concurrent submissions of the same form
     * (a double click, ten tabs, a replica each) exactly one goes on to answer the client; the others see the row
     * gone and get the error page, never a second code. The entity is detached first: its changes are not written.
     */
    public void consume(AuthorizationRequest request) {
        entityManager.detach(request);
        if (AuthorizationRequest.delete("id", request.id) == 0) {
            throw new PageProblem("This sign-in request has already been answered. Return to the application.");
        }
    }
}
