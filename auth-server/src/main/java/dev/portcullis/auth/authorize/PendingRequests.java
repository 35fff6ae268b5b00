package dev.portcullis.auth.authorize;

import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.error.PageProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;

/** Loads the pending request a form names and checks the form's CSRF token against it. */
@ApplicationScoped
public class PendingRequests {

    @Inject
    Clock clock;

    @Inject
    EntityManager entityManager;

    public AuthorizationRequest require(String requestId, String csrfToken) {
        AuthorizationRequest request = AuthorizationRequest.findUnexpired(requestId, clock.instant())
                .orElseThrow(() -> new PageProblem(
                        "This sign-in request is unknown or has expired. Return to the application and try again."));
        if (!Hashes.constantTimeEquals(request.csrfToken, csrfToken)) {
            // CSRF defence (RFC 6749 §10.12, OAuth 2.1 §7.11): the form must come from the page we served
            throw new PageProblem("The form could not be verified. Return to the application and try again.");
        }
        return request;
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
