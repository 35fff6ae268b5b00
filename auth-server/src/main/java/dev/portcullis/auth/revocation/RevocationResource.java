package dev.portcullis.auth.revocation;

import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.client.ClientAuthenticator;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.auth.http.FormParameters;
import dev.portcullis.auth.token.AccessTokens;
import dev.portcullis.auth.token.RefreshToken;
import dev.portcullis.auth.token.RevokedAccessToken;
import dev.portcullis.common.oauth.OAuthError;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * Token revocation (RFC 7009 §2). The client authenticates as at the token endpoint (public clients send their
 * {@code client_id}); a refresh token of this client revokes its whole family; an access token of this client is
 * put on the denylist consulted by introspection. Unknown tokens, and tokens of other clients, are answered 200
 * and change nothing (RFC 7009 §2.2). {@code token_type_hint} is only a hint (§2.1), so both kinds are tried.
 */
@Path("/revoke")
public class RevocationResource {

    private static final Logger LOG = Logger.getLogger(RevocationResource.class);

    @Inject
    ClientAuthenticator clients;

    @Inject
    AccessTokens accessTokens;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = FormParameters.single(form, "token");
        FormParameters.single(form, "token_type_hint");
        Client client = clients.authenticate(form, authorization, "/revoke");
        if (token == null) {
            // RFC 7009 §2.1 / RFC 6749 §5.2 invalid_request: token is required
            throw OAuthProblem.badRequest(OAuthError.INVALID_REQUEST, "token is required");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            RefreshToken refresh = RefreshToken.<RefreshToken>findByIdOptional(Hashes.sha256(token)).orElse(null);
            if (refresh != null) {
                if (refresh.clientId.equals(client.clientId)) {
                    long revoked = RefreshToken.revokeFamily(refresh.familyId);
                    LOG.infof("Client %s revoked a refresh token family (%d token(s))", client.clientId, revoked);
                }
                return;
            }
            accessTokens.verify(token).filter(verified -> client.clientId.equals(verified.clientId())).ifPresent(verified -> {
                RevokedAccessToken.revoke(verified.jti(), verified.expiresAt());
                LOG.infof("Client %s revoked an access token", client.clientId);
            });
        });
        // RFC 7009 §2.2: 200 whether or not the token was valid
        return Response.ok().header("Cache-Control", "no-store").build();
    }
}
