package dev.portcullis.auth.account;

import dev.portcullis.auth.authorize.Consents;
import dev.portcullis.auth.authorize.SignInSession;
import dev.portcullis.auth.authorize.SignInSessions;
import dev.portcullis.auth.error.PageProblem;
import dev.portcullis.auth.web.BrowserForms;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code POST /account/revoke}: the signed-in user withdraws an application's access: the remembered consent is
 * forgotten and the application's refresh tokens for this user are revoked.
 */
@Path("/account/revoke")
public class AccountRevokeResource {

    private static final Logger LOG = Logger.getLogger(AccountRevokeResource.class);

    @Inject
    SignInSessions sessions;

    @Inject
    Consents consents;

    @Inject
    BrowserForms forms;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response revoke(@RestForm("client_id") String clientId, @RestForm("csrf_token") String csrfToken,
            @RestCookie(SignInSessions.COOKIE) String sessionCookie) {
        SignInSession session = sessions.find(sessionCookie).orElseThrow(() ->
                new PageProblem("Your sign-in has expired. Open the account page again."));
        // CSRF defence: the form must come from the account page of this session
        forms.verify(sessionCookie, AccountResource.PURPOSE, csrfToken, "Open the account page again.");
        if (clientId == null || clientId.isBlank()) {
            throw new PageProblem("Choose an application to revoke.");
        }
        long revoked = consents.withdraw(session.userId, clientId);
        LOG.infof("User %s revoked client %s (%d refresh token(s))", session.userId, clientId, revoked);
        return Response.seeOther(URI.create("/account")).build();
    }
}
