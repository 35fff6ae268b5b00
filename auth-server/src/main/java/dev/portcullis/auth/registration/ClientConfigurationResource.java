package dev.portcullis.auth.registration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.client.Clients;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.error.ErrorMappers;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.BearerAuthorization;
import dev.portcullis.common.oauth.ClientRegistrationRequest;
import dev.portcullis.common.oauth.OAuthError;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The client configuration endpoint (RFC 7592 §2): a client reads, updates or deletes its own registration with the
 * registration access token it received at registration. A wrong token and an unknown client get the same 401, so
 * that the answer reveals nothing (RFC 7592 §2.1, §2.3). Deleting cascades to its codes, tokens and consents.
 */
@Path("/register/{clientId}")
public class ClientConfigurationResource {

    @Inject
    ClientRegistrar registrar;

    @Inject
    Clients clients;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager entityManager;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response read(@PathParam("clientId") String clientId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Client client = authorized(clientId, authorization);
        // RFC 7592 §2.1: 200 with the client information (the secret is stored hashed and cannot be shown again)
        return Response.ok(registrar.describe(client, null, null)).header("Cache-Control", "no-store")
                .header("Pragma", "no-cache").build();
    }

    /**
     * RFC 7592 §2.2: the body is the complete new metadata with the client's {@code client_id} (and its
     * {@code client_secret}, if it sends one, must be the current one); read by the same strict reader and validated
     * by the same rules as a registration.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response update(@PathParam("clientId") String clientId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            ObjectNode body) throws JsonProcessingException {
        Client client = authorized(clientId, authorization);
        if (body == null || !body.path("client_id").isTextual() || !clientId.equals(body.get("client_id").asText())) {
            // RFC 7592 §2.2: the request must carry the client's own client_id (RFC 7591 §3.2.2 invalid_client_metadata)
            throw OAuthProblem.badRequest(OAuthError.INVALID_CLIENT_METADATA, "client_id must be this client's identifier");
        }
        if (body.has("client_secret") && (!body.get("client_secret").isTextual() || client.clientSecretHash == null
                || !Hashes.constantTimeEquals(Hashes.sha256(body.get("client_secret").asText()), client.clientSecretHash))) {
            // RFC 7592 §2.2: a client_secret sent must match the one issued
            throw OAuthProblem.badRequest(OAuthError.INVALID_CLIENT_METADATA, "client_secret does not match");
        }
        ClientRegistrationRequest metadata = json.treeToValue(body, ClientRegistrationRequest.class);
        var updated = registrar.update(client, metadata);
        clients.evict(clientId);
        // RFC 7592 §2.2: 200 with the client information
        return Response.ok(updated).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    @DELETE
    @Transactional
    public Response delete(@PathParam("clientId") String clientId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Client client = authorized(clientId, authorization);
        entityManager.detach(client);
        // One row-level delete: of concurrent deletions one wins, the others find the client gone (401 below)
        if (Client.delete("clientId", clientId) == 0) {
            throw invalidToken();
        }
        clients.evict(clientId);
        // RFC 7592 §2.3: 204 No Content
        return Response.noContent().build();
    }

    /** RFC 7591 §3.2.2 via RFC 7592 §2.2: an update body the strict reader refused. */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return MetadataJsonErrors.of(e);
    }

    @ServerExceptionMapper
    public Response unreadable(WebApplicationException e, HttpServerRequest http) {
        return e.getResponse().getStatus() == 400 ? MetadataJsonErrors.of(MetadataJsonErrors.cause(e))
                : ErrorMappers.webError(e, http.path());
    }

    private static Client authorized(String clientId, String authorization) {
        String token = BearerAuthorization.token(authorization, RegistrationResource.MAX_BEARER_LENGTH);
        // Not Clients.find: the row is updated or deleted in this transaction (a cached copy would not be written), and
        // a registration is never a metadata document to fetch
        Client client = token == null ? null : Client.findByClientId(clientId).orElse(null);
        if (client == null || client.registrationTokenHash == null
                || !Hashes.constantTimeEquals(Hashes.sha256(token), client.registrationTokenHash)) {
            throw invalidToken();
        }
        return client;
    }

    private static OAuthProblem invalidToken() {
        // RFC 7592 §2.1 / RFC 6750 §3.1 invalid_token, 401, whether or not the client exists
        return new OAuthProblem(401, OAuthError.INVALID_TOKEN, "Invalid registration access token");
    }
}
