package dev.portcullis.auth.authorize;

import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.web.BrowserForms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/** Renders the sign-in page of a pending request, with the pre-session cookie its form token is bound to. */
@ApplicationScoped
public class SignInPage {

    @Inject
    BrowserForms forms;

    @Inject
    PendingRequests pending;

    /** {@code preSessionCookie}: the browser's pre-session cookie, if it sent one (it is kept, else a new one set). */
    public Response.ResponseBuilder show(PendingRequest request, Client client, String preSessionCookie,
            String username, String error, int status) {
        BrowserForms.PreSession preSession = forms.preSession(preSessionCookie);
        return Response.status(status)
                .entity(Pages.signIn(request.id, pending.signInToken(request, preSession.secret()), client.displayName(),
                        username, error))
                .type("text/html;charset=UTF-8").cookie(preSession.cookie());
    }
}
