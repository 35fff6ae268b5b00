package dev.portcullis.auth.account;

import dev.portcullis.auth.web.BrowserForms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/**
 * Renders the account sign-in form; its token is bound to the browser's pre-session cookie ({@link BrowserForms}),
 * the same mechanism as the authorization sign-in form.
 */
@ApplicationScoped
public class AccountSignInPage {

    static final String PURPOSE = "account-sign-in";

    @Inject
    BrowserForms forms;

    public Response show(String preSessionCookie, String username, String error, Response.Status status) {
        BrowserForms.PreSession preSession = forms.preSession(preSessionCookie);
        return Response.status(status)
                .entity(AccountPages.accountSignIn(forms.token(preSession.secret(), PURPOSE), username, error))
                .type("text/html;charset=UTF-8").cookie(preSession.cookie()).build();
    }
}
