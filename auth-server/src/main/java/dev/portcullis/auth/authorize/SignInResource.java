package dev.portcullis.auth.authorize;

import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.error.PageProblem;
import dev.portcullis.auth.user.Passwords;
import dev.portcullis.auth.user.User;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The sign-in form's target. Wrong credentials re-show the form with one message for every cause (no user
 * enumeration); success starts a sign-in session (cookie {@value SignInSessions#COOKIE}) and shows the consent page.
 */
@Path("/authorize/sign-in")
public class SignInResource {

    @Inject
    PendingRequests pending;

    @Inject
    Passwords passwords;

    @Inject
    SignInSessions sessions;

    @Inject
    ConsentPage consentPage;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response signIn(@RestForm("request_id") String requestId, @RestForm("csrf_token") String csrfToken,
            @RestForm String username, @RestForm String password) {
        AuthorizationRequest request = pending.require(requestId, csrfToken);
        Client client = Client.findByClientId(request.clientId)
                .orElseThrow(() -> new PageProblem("The application is no longer registered."));
        Optional<User> user = passwords.authenticate(username, password);
        if (user.isEmpty()) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(Pages.signIn(request.id, request.csrfToken, client.displayName(),
                            username == null ? "" : username, "Incorrect username or password."))
                    .type("text/html;charset=UTF-8").build();
        }
        SignInSessions.Started started = sessions.start(user.get().id);
        request.userId = user.get().id;
        request.authTime = started.session().authenticatedAt;
        return consentPage.show(request, client, started.cookie());
    }
}
