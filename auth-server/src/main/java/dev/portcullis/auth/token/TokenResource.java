package dev.portcullis.auth.token;

import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.client.ClientAuthenticator;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.auth.ratelimit.RateLimiter;
import dev.portcullis.common.oauth.GrantType;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.TokenRequest;
import dev.portcullis.common.oauth.TokenResponse;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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

    @Inject
    ClientCredentialsGrant clientCredentials;

    @Inject
    TokenMetrics metrics;

    @Inject
    RateLimiter limits;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(MultivaluedMap<String, String> form,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest http) {
        return metrics.record(() -> {
            long retryAfter = limits.token(http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress());
            if (retryAfter > 0) {
                // RFC 6585 §4: 429 with Retry-After (per replica, portcullis.rate-limit.token-per-second)
                throw OAuthProblem.tooManyRequests(retryAfter);
            }
            return handle(form, authorization);
        });
    }

    private Response handle(MultivaluedMap<String, String> form, String authorization) {
        TokenRequest request = TokenForm.parse(form);
        String grantType = TokenForm.required(request.grantType(), "grant_type");
        GrantType grant = GrantType.of(grantType).orElseThrow(() ->
                // RFC 6749 §5.2 unsupported_grant_type
                OAuthProblem.badRequest(OAuthError.UNSUPPORTED_GRANT_TYPE, "Unsupported grant_type"));
        Client client = clients.authenticate(form, authorization, "/token");
        if (!client.allowsGrant(grantType)) {
            // RFC 6749 §5.2 unauthorized_client
            throw OAuthProblem.badRequest(OAuthError.UNAUTHORIZED_CLIENT, "The client may not use this grant type");
        }
        TokenResponse tokens = switch (grant) {
            case AUTHORIZATION_CODE -> authorizationCode.exchange(client, request);
            case REFRESH_TOKEN -> refreshToken.refresh(client, request);
            case CLIENT_CREDENTIALS -> clientCredentials.issue(client, request);
        };
        metrics.issued(grantType);
        // RFC 6749 §5.1: token responses must not be cached
        return Response.ok(tokens).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
