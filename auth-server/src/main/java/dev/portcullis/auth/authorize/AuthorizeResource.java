package dev.portcullis.auth.authorize;

import dev.portcullis.auth.client.Clients;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.config.Resources;
import dev.portcullis.auth.web.BrowserForms;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The authorization endpoint (OAuth 2.1 §4.1.1). The request is parsed and validated by {@link AuthorizationRequest}:
 * an unknown client or redirect URI is answered with an error page, never a redirect, anything else at the validated
 * redirect URI ({@link RedirectProblem}, OAuth 2.1 §4.1.2.1). A valid request is stored and the browser shown the
 * sign-in page, or the consent page if it is already signed in, or sent straight back with a code when its consent
 * is remembered.
 */
@Path("/authorize")
public class AuthorizeResource {

    /** OpenID Connect Core §3.1.2.6: the user must sign in, but prompt=none forbids showing a page. */
    static final String LOGIN_REQUIRED = "login_required";
    /** OpenID Connect Core §3.1.2.6: consent is needed, but prompt=none forbids showing a page. */
    static final String CONSENT_REQUIRED = "consent_required";

    @Inject
    PortcullisConfig config;

    @Inject
    Resources resources;

    @Inject
    Clients clients;

    @Inject
    PendingRequests pending;

    @Inject
    AuthorizationResponses responses;

    @Inject
    SignInSessions sessions;

    @Inject
    ConsentPage consentPage;

    @Inject
    Consents consents;

    @Inject
    SignInPage signInPage;

    @GET
    @Transactional
    public Response authorize(@Context UriInfo uri, @RestCookie(SignInSessions.COOKIE) String sessionCookie,
            @RestCookie(BrowserForms.PRE_SESSION_COOKIE) String preSessionCookie) {
        AuthorizationRequest request = AuthorizationRequest.parse(uri.getQueryParameters(), clients::find, resources,
                config.registration().mode());
        PendingRequest pendingRequest = pending.open(request);
        var session = request.prompts("login") ? Optional.<SignInSession>empty() : sessions.find(sessionCookie);
        if (session.isEmpty()) {
            if (request.prompts("none")) {
                // OpenID Connect Core §3.1.2.6 login_required
                throw request.refusal(LOGIN_REQUIRED, "The user is not signed in");
            }
            pendingRequest.persist();
            return signInPage.show(pendingRequest, request.client(), preSessionCookie, null, null, 200).build();
        }
        pendingRequest.signedIn(session.get());
        if (consents.skipPage(pendingRequest)) {
            // Remembered consent: straight back to the client with a code (OAuth 2.1 §4.1.2)
            return responses.code(Response.Status.FOUND, pendingRequest);
        }
        if (request.prompts("none")) {
            // OpenID Connect Core §3.1.2.6 consent_required
            throw request.refusal(CONSENT_REQUIRED, "The user has not approved this access");
        }
        pendingRequest.persist();
        return consentPage.show(pendingRequest, request.client(), sessionCookie, null);
    }

    /** A refusal after the redirect URI is established: 302 to it with the error, {@code state} and {@code iss}. */
    @ServerExceptionMapper
    public Response refused(RedirectProblem problem) {
        return responses.error(Response.Status.FOUND, problem.redirectUri(), problem.error(), problem.getMessage(),
                problem.state());
    }
}
