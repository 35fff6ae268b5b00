package dev.portcullis.auth.account;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.RandomTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/** Renders the account sign-in form with a fresh login CSRF token, in a cookie and a hidden field (double submit). */
@ApplicationScoped
public class AccountSignInPage {

    @Inject
    RandomTokens random;

    @Inject
    PortcullisConfig config;

    public Response show(String username, String error, Response.Status status) {
        String csrf = random.next();
        NewCookie cookie = new NewCookie.Builder(AccountCsrf.LOGIN_COOKIE).value(csrf).path("/account").httpOnly(true)
                .secure(config.issuer().startsWith("https:")).sameSite(NewCookie.SameSite.STRICT).maxAge(600).build();
        return Response.status(status).entity(AccountPages.accountSignIn(csrf, username, error))
                .type("text/html;charset=UTF-8").cookie(cookie).build();
    }
}
