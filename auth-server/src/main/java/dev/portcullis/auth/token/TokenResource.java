package dev.portcullis.auth.token;

import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.client.ClientAuthenticator;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.TokenResponse;
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

/** The token endpoint (OAuth 2.1 §3.2): authenticates the client and hands the request to its grant's handler. */
@Path("/token")
public class TokenResource {

    @Inject
    ClientAuthenticator clients;

    @Inject
    AuthorizationCodeGrant authorizationCode;

    @Inject
    RefreshTokenGrant refreshToken;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(MultivaluedMap<String, String> form,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TokenRequest request = TokenRequest.parse(form);
        String grantType = TokenRequest.required(request.grantType(), "grant_type");
        if (!Client.GRANT_AUTHORIZATION_CODE.equals(grantType) && !Client.GRANT_REFRESH_TOKEN.equals(grantType)) {
            // RFC 6749 §5.2 unsupported_grant_type
            throw OAuthProblem.badRequest(OAuthError.UNSUPPORTED_GRANT_TYPE, "Unsupported grant_type");
        }
        Client client = clients.authenticate(request.clientId(), authorization);
        if (!client.allowsGrant(grantType)) {
            // RFC 6749 §5.2 unauthorized_client
            throw OAuthProblem.badRequest(OAuthError.UNAUTHORIZED_CLIENT, "The client may not use this grant type");
        }
        TokenResponse tokens = Client.GRANT_AUTHORIZATION_CODE.equals(grantType)
                ? authorizationCode.exchange(client, request)
                : refreshToken.refresh(client, request);
        // RFC 6749 §5.1: token responses must not be cached
        return Response.ok(tokens).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
