package dev.portcullis.auth.authorize;

import dev.portcullis.auth.cimd.UnusableDocument;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.client.Clients;
import dev.portcullis.auth.error.PageProblem;
import dev.portcullis.auth.web.BrowserForms;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The sign-in form's target. The form must come from a sign-in page shown in this browser (its token is bound to the
 * pre-session cookie, {@link PendingRequests}). The sign-in itself is {@link PasswordSignIn}'s: wrong credentials
 * re-show the form with one message for every cause (no user enumeration); success starts a sign-in session (cookie
 * {@value SignInSessions#COOKIE}) and shows the consent page, or answers the client at once when its consent is
 * remembered.
 */
@Path("/authorize/sign-in")
public class SignInResource {

    @Inject
    PendingRequests pending;

    @Inject
    Clients clients;

    @Inject
    PasswordSignIn signIn;

    @Inject
    SignInPage signInPage;

    @Inject
    ConsentPage consentPage;

    @Inject
    Consents consents;

    @Inject
    AuthorizationResponses responses;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response signIn(@RestForm("request_id") String requestId, @RestForm("csrf_token") String csrfToken,
            @RestForm String username, @RestForm String password,
            @RestCookie(BrowserForms.PRE_SESSION_COOKIE) String preSessionCookie, @Context HttpServerRequest http) {
        PendingRequest request = pending.require(requestId);
        pending.verifySignIn(request, preSessionCookie, csrfToken);
        Client client = client(request.clientId);
        PasswordSignIn.Attempt attempt = signIn.attempt(username, password, http);
        if (!attempt.succeeded()) {
            return attempt.refusal(signInPage.show(request, client, preSessionCookie, username, attempt.error(),
                    attempt.status()).build());
        }
        SignInSessions.Started started = attempt.started();
        request.signedIn(started.session());
        if (consents.skipPage(request)) {
            // Remembered consent: straight back to the client with a code (OAuth 2.1 §4.1.2)
            pending.consume(request);
            return Response.fromResponse(responses.code(Response.Status.SEE_OTHER, request)).cookie(started.cookie()).build();
        }
        return consentPage.show(request, client, started.cookie().getValue(), started.cookie());
    }

    /** The request's client, as the one client lookup sees it now; an error page when it is gone. */
    private Client client(String clientId) {
        try {
            return clients.find(clientId).orElseThrow(() -> new PageProblem("The application is no longer registered."));
        } catch (UnusableDocument e) {
            throw e.pageProblem();
        }
    }
}
