package dev.portcullis.auth.registration;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.portcullis.auth.error.ErrorMappers;
import dev.portcullis.common.oauth.ClientRegistrationRequest;
import dev.portcullis.common.oauth.ClientRegistrationResponse;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Dynamic Client Registration endpoint (RFC 7591 §3), open to anyone for now. */
@Path("/register")
public class RegistrationResource {

    @Inject
    ClientRegistrar registrar;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(ClientRegistrationRequest request) {
        ClientRegistrationResponse registered = registrar.register(request);
        // RFC 7591 §3.2.1: 201 Created with the client information.
        return Response.status(Response.Status.CREATED)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .entity(registered)
                .build();
    }

    /** RFC 7591 §3.2.2: a body that is not a JSON client metadata object is invalid_client_metadata. */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return invalidBody();
    }

    /** The JSON reader reports syntax errors as a plain 400; same answer as above. Other statuses as usual. */
    @ServerExceptionMapper
    public Response unreadable(WebApplicationException e) {
        return e.getResponse().getStatus() == 400 ? invalidBody() : ErrorMappers.webError(e);
    }

    private static Response invalidBody() {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(OAuthError.of(OAuthError.INVALID_CLIENT_METADATA, "The body is not a valid client metadata JSON object"))
                .build();
    }
}
