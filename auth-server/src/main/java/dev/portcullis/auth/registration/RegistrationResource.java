package dev.portcullis.auth.registration;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.error.ErrorMappers;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.auth.ratelimit.RateLimiter;
import dev.portcullis.common.oauth.BearerAuthorization;
import dev.portcullis.common.oauth.ClientRegistrationRequest;
import dev.portcullis.common.oauth.ClientRegistrationResponse;
import dev.portcullis.common.oauth.OAuthError;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Dynamic Client Registration endpoint (RFC 7591 §3). By configuration ({@code portcullis.registration.mode}) open
 * to anyone, protected by an initial access token (RFC 7591 §3, sent as a Bearer token) or off.
 */
@Path("/register")
public class RegistrationResource {

    /** Registration access tokens (and initial access tokens) are short; longer credentials are refused unread. */
    static final int MAX_BEARER_LENGTH = 512;

    @Inject
    PortcullisConfig config;

    @Inject
    ClientRegistrar registrar;

    @Inject
    RateLimiter limits;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(ClientRegistrationRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServerRequest http) {
        authorize(authorization);
        long retryAfter = limits.register(http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress());
        if (retryAfter > 0) {
            // RFC 6585 §4: 429 with Retry-After (per replica, portcullis.rate-limit.register-per-minute)
            throw OAuthProblem.tooManyRequests(retryAfter);
        }
        ClientRegistrationResponse registered;
        try {
            registered = registrar.register(request);
        } catch (ClassCastException e) {
            // A member of the wrong JSON type that the reader let through: RFC 7591 §3.2.2 invalid_client_metadata
            return invalidBody();
        }
        // RFC 7591 §3.2.1: 201 Created with the client information.
        return Response.status(Response.Status.CREATED)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .entity(registered)
                .build();
    }

    private void authorize(String authorization) {
        switch (config.registration().mode()) {
            case OFF ->
                // RFC 7591 §3: the server may refuse registration; access_denied (RFC 6749 §4.1.2.1) with 403
                throw new OAuthProblem(403, OAuthError.ACCESS_DENIED, "Dynamic client registration is disabled");
            case TOKEN -> {
                String expected = config.registration().initialAccessToken().orElse(null);
                String presented = BearerAuthorization.token(authorization, MAX_BEARER_LENGTH);
                if (expected == null || presented == null
                        || !Hashes.constantTimeEquals(Hashes.sha256(presented), Hashes.sha256(expected))) {
                    // RFC 7591 §3 + RFC 6750 §3.1 invalid_token: a valid initial access token is required
                    throw new OAuthProblem(401, OAuthError.INVALID_TOKEN, "A valid initial access token is required");
                }
            }
            default -> {
                // open registration
            }
        }
    }

    /** RFC 7591 §3.2.2: a body that is not a JSON client metadata object is invalid_client_metadata. */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return MetadataJsonErrors.of(e);
    }

    /** The JSON reader reports syntax errors as a plain 400 wrapping Jackson's; same answer as above. */
    @ServerExceptionMapper
    public Response unreadable(WebApplicationException e, HttpServerRequest http) {
        return e.getResponse().getStatus() == 400 ? MetadataJsonErrors.of(MetadataJsonErrors.cause(e))
                : ErrorMappers.webError(e, http.path());
    }

    private static Response invalidBody() {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(OAuthError.of(OAuthError.INVALID_CLIENT_METADATA, "The body is not a valid client metadata JSON object"))
                .build();
    }
}
