package dev.portcullis.auth.authorize;

import dev.portcullis.auth.cimd.ClientMetadataDocuments;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.user.User;
import dev.portcullis.common.oauth.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/** Renders the consent page for a request whose user is known. */
@ApplicationScoped
public class ConsentPage {

    @Inject
    PendingRequests pending;

    /**
     * {@code sessionSecret}: the value of the browser's session cookie, which the form token is bound to;
     * {@code newSessionCookie}: set with the page when the session has just started, else null.
     */
    public Response show(PendingRequest request, Client client, String sessionSecret, NewCookie newSessionCookie) {
        String username = User.<User>findByIdOptional(request.userId).map(u -> u.username).orElse("");
        Response.ResponseBuilder response = Response.ok(Pages.consent(request.id, pending.consentToken(request, sessionSecret),
                        client.displayName(), client.clientId, ClientMetadataDocuments.host(client.clientId), username,
                        Scope.parse(request.scope), request.resource))
                .type("text/html;charset=UTF-8");
        if (newSessionCookie != null) {
            response.cookie(newSessionCookie);
        }
        return response.build();
    }
}
