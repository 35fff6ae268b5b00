package dev.portcullis.auth.account;

import dev.portcullis.auth.authorize.Consent;
import dev.portcullis.auth.authorize.Consents;
import dev.portcullis.auth.authorize.SignInSession;
import dev.portcullis.auth.authorize.SignInSessions;
import dev.portcullis.auth.cimd.UnusableDocument;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.client.Clients;
import dev.portcullis.auth.user.User;
import dev.portcullis.auth.web.BrowserForms;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestCookie;

/**
 * {@code GET /account}: a signed-in user sees the applications they allowed (remembered consents) and can revoke
 * one; without a session, the sign-in form.
 */
@Path("/account")
public class AccountResource {

    /** What the revoke forms' token is for ({@link BrowserForms}, bound to the session cookie). */
    static final String PURPOSE = "account";

    @Inject
    SignInSessions sessions;

    @Inject
    Consents consents;

    @Inject
    Clients clients;

    @Inject
    AccountSignInPage signInPage;

    @Inject
    BrowserForms forms;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response show(@RestCookie(SignInSessions.COOKIE) String sessionCookie,
            @RestCookie(BrowserForms.PRE_SESSION_COOKIE) String preSessionCookie) {
        Optional<SignInSession> session = sessions.find(sessionCookie);
        if (session.isEmpty()) {
            return signInPage.show(preSessionCookie, null, null, Response.Status.OK);
        }
        String username = User.<User>findByIdOptional(session.get().userId).map(u -> u.username).orElse("");
        List<AccountPages.Approval> approvals = consents.of(session.get().userId).stream().map(this::approval).toList();
        return Response.ok(AccountPages.approvedClients(username, approvals, forms.token(sessionCookie, PURPOSE)))
                .type("text/html;charset=UTF-8").build();
    }

    /** The approval as listed: the client's name, or its id when it is gone or its metadata document is unusable now. */
    private AccountPages.Approval approval(Consent consent) {
        String name;
        try {
            name = clients.find(consent.id.clientId).map(Client::displayName).orElse(consent.id.clientId);
        } catch (UnusableDocument e) {
            name = consent.id.clientId;
        }
        return new AccountPages.Approval(consent.id.clientId, name, consent.id.resource, consent.scope);
    }
}
