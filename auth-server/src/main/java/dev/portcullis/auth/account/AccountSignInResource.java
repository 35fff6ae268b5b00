package dev.portcullis.auth.account;

import dev.portcullis.auth.authorize.SignInSessions;
import dev.portcullis.auth.user.Passwords;
import dev.portcullis.auth.user.SignInThrottle;
import dev.portcullis.auth.web.BrowserForms;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import dev.portcullis.auth.user.User;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

/** {@code POST /account/sign-in}: starts a session and returns to {@code /account}; one message for every failure. */
@Path("/account/sign-in")
public class AccountSignInResource {

    @Inject
    Passwords passwords;

    @Inject
    SignInThrottle throttle;

    @Inject
    SignInSessions sessions;

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
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        long wait = throttle.retryAfterSeconds(username, address);
        if (wait > 0) {
            // Brute-force protection: 429 with Retry-After (RFC 6585 §4)
            return Response.fromResponse(signInPage.show(preSessionCookie, username, "Too many failed attempts. Try again in " + wait + " seconds.",
                    Response.Status.TOO_MANY_REQUESTS)).header("Retry-After", Long.toString(wait)).build();
        }
        Optional<User> user = passwords.authenticate(username, password);
        if (user.isEmpty()) {
            throttle.failed(username, address);
            return signInPage.show(preSessionCookie, username == null ? "" : username, "Incorrect username or password.",
                    Response.Status.UNAUTHORIZED);
        }
        throttle.succeeded(username);
        SignInSessions.Started started = sessions.start(user.get().id);
        return Response.seeOther(URI.create("/account")).cookie(started.cookie()).build();
    }
}
