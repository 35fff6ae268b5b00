package dev.portcullis.auth.registration;

import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.client.Clients;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The client configuration endpoint (RFC 7592 §2): a client reads or deletes its own registration with the
 * registration access token it received at registration. A wrong token and an unknown client get the same 401, so
 * that the answer reveals nothing (RFC 7592 §2.1, §2.3). Deleting cascades to its codes, tokens and consents.
 */
@Path("/register/{clientId}")
public class ClientConfigurationResource {

    @Inject
    ClientRegistrar registrar;

    @Inject
    Clients clients;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response read(@PathParam("clientId") String clientId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Client client = authorized(clientId, authorization);
        // RFC 7592 §2.1: 200 with the client information (the secret is stored hashed and cannot be shown again)
        return Response.ok(registrar.describe(client, null, null)).header("Cache-Control", "no-store")
                .header("Pragma", "no-cache").build();
    }

    @DELETE
    @Transactional
    public Response delete(@PathParam("clientId") String clientId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Client client = authorized(clientId, authorization);
        client.delete();
        clients.evict(clientId);
        // RFC 7592 §2.3: 204 No Content
        return Response.noContent().build();
    }

    private static Client authorized(String clientId, String authorization) {
        String token = BearerTokens.parse(authorization);
        Client client = token == null ? null : Client.findByClientId(clientId).orElse(null);
        if (client == null || client.registrationTokenHash == null
                || !Hashes.constantTimeEquals(Hashes.sha256(token), client.registrationTokenHash)) {
            // RFC 7592 §2.1 / RFC 6750 §3.1 invalid_token, 401, whether or not the client exists
            throw new OAuthProblem(401, OAuthError.INVALID_TOKEN, "Invalid registration access token");
        }
        return client;
    }
}
