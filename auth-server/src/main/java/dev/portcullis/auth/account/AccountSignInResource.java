package dev.portcullis.auth.account;

import dev.portcullis.auth.authorize.PasswordSignIn;
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
import java.net.URI;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code POST /account/sign-in}: starts a session and returns to {@code /account}; the sign-in itself (throttling, one
 * message for every failure) is {@link PasswordSignIn}'s.
 */
@Path("/account/sign-in")
public class AccountSignInResource {

    @Inject
    PasswordSignIn signIn;

    @Inject
    AccountSignInPage signInPage;

    @Inject
    BrowserForms forms;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response signIn(@RestForm("csrf_token") String csrfToken, @RestForm String username, @RestForm String password,
            @RestCookie(BrowserForms.PRE_SESSION_COOKIE) String preSessionCookie, @Context HttpServerRequest http) {
        // Login CSRF defence (RFC 6749 §10.12 in spirit): the form must have been shown in this browser
        forms.verify(preSessionCookie, AccountSignInPage.PURPOSE, csrfToken, "Open the account page again.");
        PasswordSignIn.Attempt attempt = signIn.attempt(username, password, http);
        if (!attempt.succeeded()) {
            return attempt.refusal(signInPage.show(preSessionCookie, username, attempt.error(),
                    Response.Status.fromStatusCode(attempt.status())));
        }
        return Response.seeOther(URI.create("/account")).cookie(attempt.started().cookie()).build();
    }
}
