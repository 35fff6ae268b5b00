package dev.portcullis.auth.authorize;

import dev.portcullis.auth.cimd.ClientMetadataDocuments;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/** Renders the consent page for a request whose user is known. */
@ApplicationScoped
public class ConsentPage {

    public Response show(AuthorizationRequest request, Client client, NewCookie sessionCookie) {
        String username = User.<User>findByIdOptional(request.userId).map(u -> u.username).orElse("");
        Response.ResponseBuilder response = Response.ok(Pages.consent(request.id, request.csrfToken,
                        client.displayName(), client.clientId, ClientMetadataDocuments.host(client.clientId), username, Scopes.parse(request.scope), request.resource))
                .type("text/html;charset=UTF-8");
        if (sessionCookie != null) {
            response.cookie(sessionCookie);
        }
        return response.build();
    }
}
