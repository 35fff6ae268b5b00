package dev.portcullis.client.transport;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The MCP endpoint of one server as a MicroProfile REST Client (MCP "Transports", Streamable HTTP). The bearer token is
 * set by the authorization's {@code BearerTokenFilter} registered on it; null headers are not sent.
 */
@Path("")
public interface McpEndpoint {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response post(@HeaderParam("Accept") String accept,
            @HeaderParam("Mcp-Session-Id") String sessionId,
            @HeaderParam("MCP-Protocol-Version") String protocolVersion,
            String body);

    @DELETE
    Response delete(@HeaderParam("Mcp-Session-Id") String sessionId,
            @HeaderParam("MCP-Protocol-Version") String protocolVersion);
}
