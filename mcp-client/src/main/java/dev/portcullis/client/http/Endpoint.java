package dev.portcullis.client.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * One absolute URL, as a MicroProfile REST Client. Server URLs are discovered at run time, so each URL gets its own
 * client (see {@link Http}); bodies travel as strings so that the client alone decides how JSON is read and written.
 * Null header parameters are not sent. Nothing here carries a bearer token: the authorized requests go through
 * {@code token.AuthClient} and its {@code BearerTokenFilter}.
 */
@Path("")
public interface Endpoint {

    @GET
    Response get(@HeaderParam("Accept") String accept);

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response postJson(@HeaderParam("Accept") String accept, String body);

    /** A form to the token or revocation endpoint; {@code clientAuthentication} is HTTP Basic or null, never a bearer. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response postForm(@HeaderParam("Accept") String accept,
            @HeaderParam("Authorization") String clientAuthentication,
            String body);
}
