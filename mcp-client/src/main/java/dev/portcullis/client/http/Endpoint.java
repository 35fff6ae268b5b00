package dev.portcullis.client.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * One absolute URL, as a MicroProfile REST Client. Server URLs are discovered at run time, so each URL gets its own
 * client (see {@link Http}); bodies travel as strings so that the client alone decides how JSON is read and written.
 * Null header parameters are not sent.
 */
@Path("")
public interface Endpoint {

    @GET
    Response get(@HeaderParam("Accept") String accept);

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response postJson(@HeaderParam("Accept") String accept,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("Mcp-Session-Id") String sessionId,
            @HeaderParam("MCP-Protocol-Version") String protocolVersion,
            String body);

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response postForm(@HeaderParam("Accept") String accept,
            @HeaderParam("Authorization") String authorization,
            String body);

    @DELETE
    Response delete(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Mcp-Session-Id") String sessionId,
            @HeaderParam("MCP-Protocol-Version") String protocolVersion);
}
