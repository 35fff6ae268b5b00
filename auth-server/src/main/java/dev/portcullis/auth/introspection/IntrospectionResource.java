package dev.portcullis.auth.introspection;

import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.client.ClientAuthenticator;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.auth.http.FormParameters;
import dev.portcullis.auth.token.AccessTokens;
import dev.portcullis.auth.token.RefreshToken;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;

/**
 * Token introspection (RFC 7662 §2). Only confidential clients may introspect (§2.1: the endpoint requires
 * authorization); public clients get 401 {@code invalid_client}. Access tokens are active while validly signed,
 * unexpired and not revoked.
 *
 * <p>Who learns what (§4: the server decides whether the caller may learn about a token, and answers
 * {@code {"active":false}} otherwise, §2.2): a client learns about the tokens issued to itself; the resource servers
 * listed in {@code portcullis.introspection.clients} learn about every access token; a refresh token is described only
 * to the client it was issued to. Anyone can register a confidential client, so being one proves nothing more.
 */
@Path("/introspect")
public class IntrospectionResource {

    @Inject
    PortcullisConfig config;

    @Inject
    ClientAuthenticator clients;

    @Inject
    AccessTokens accessTokens;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response introspect(MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = FormParameters.single(form, "token");
        FormParameters.single(form, "token_type_hint");
        Client client = clients.authenticate(form, authorization, "/introspect");
        if (!client.isConfidential()) {
            // RFC 7662 §2.1 / RFC 6749 §5.2 invalid_client: the caller must be authenticated
            throw new OAuthProblem(401, OAuthError.INVALID_CLIENT, "Introspection requires client authentication");
        }
        if (token == null) {
            // RFC 7662 §2.1 / RFC 6749 §5.2 invalid_request: token is required
            throw OAuthProblem.badRequest(OAuthError.INVALID_REQUEST, "token is required");
        }
        return Response.ok(describe(client, token)).header("Cache-Control", "no-store").build();
    }

    private IntrospectionResponse describe(Client client, String token) {
        var access = accessTokens.verify(token);
        if (access.isPresent()) {
            var t = access.get();
            if (!client.clientId.equals(t.clientId()) && !config.introspection().mayIntrospectAll(client.clientId)) {
                // RFC 7662 §4 / §2.2: the caller is not entitled to learn about another client's token
                return IntrospectionResponse.inactive();
            }
            return new IntrospectionResponse(true, t.scope(), t.clientId(), t.username(), "Bearer",
                    t.expiresAt().getEpochSecond(), t.issuedAt() == null ? null : t.issuedAt().getEpochSecond(),
                    t.subject(), t.audience(), config.issuer(), t.jti());
        }
        RefreshToken refresh = token.length() > 512 ? null
                : RefreshToken.<RefreshToken>findByIdOptional(Hashes.sha256(token)).orElse(null);
        if (refresh == null || !refresh.isLive(clock.instant()) || !refresh.clientId.equals(client.clientId)) {
            return IntrospectionResponse.inactive();
        }
        return new IntrospectionResponse(true, refresh.scope, refresh.clientId, null, "refresh_token",
                refresh.expiresAt.getEpochSecond(), refresh.createdAt.getEpochSecond(), refresh.userId.toString(),
                List.of(refresh.resource), config.issuer(), null);
    }
}
