package dev.portcullis.auth.authorize;

import dev.portcullis.auth.error.PageProblem;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The consent form's target. The browser must hold the sign-in session of the user who signed in for this request,
 * and the form's token must be the one derived from that session (a form shown in this session, {@link PendingRequests}).
 * Deny answers {@code access_denied}; approve issues a code. Both 303 to the redirect URI with {@code state} and
 * {@code iss}. The pending request is consumed either way.
 */
@Path("/authorize/consent")
public class ConsentResource {

    @Inject
    PendingRequests pending;

    @Inject
    SignInSessions sessions;

    @Inject
    AuthorizationResponses responses;

    @Inject
    Consents consents;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response decide(@RestForm("request_id") String requestId, @RestForm("csrf_token") String csrfToken,
            @RestForm String decision, @RestCookie(SignInSessions.COOKIE) String sessionCookie) {
        PendingRequest request = pending.require(requestId);
        boolean sameUser = request.userId != null && sessions.find(sessionCookie)
                .map(s -> s.userId.equals(request.userId)).orElse(false);
        if (!sameUser) {
            throw new PageProblem("Your sign-in has expired. Return to the application and try again.");
        }
        pending.verifyConsent(request, sessionCookie, csrfToken);
        if (!"approve".equals(decision) && !"deny".equals(decision)) {
            throw new PageProblem("Choose Allow or Deny.");
        }
        pending.consume(request);
        if ("deny".equals(decision)) {
            // OAuth 2.1 §4.1.2.1 access_denied: the resource owner refused
            return responses.error(Response.Status.SEE_OTHER, request.redirectUri, OAuthError.ACCESS_DENIED,
                    "The user denied the request", request.state);
        }
        consents.remember(request.userId, request.clientId, request.resource, request.scope);
        return responses.code(Response.Status.SEE_OTHER, request);
    }
}
