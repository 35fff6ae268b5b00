package dev.portcullis.mcp.security;

import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.mcp.config.ResourceServerConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives every {@code 401} of this server the challenge an MCP client needs (MCP authorization "Protected Resource
 * Metadata Discovery"; RFC 9728 §5.1; RFC 6750 §3): where the resource metadata lives, which scope a first request
 * needs, and {@code error="invalid_token"} when a token was sent but refused (RFC 6750 §3.1). Token validation itself
 * is quarkus-oidc's, configured in application.properties. Before that, a request that offers its token in more than
 * one way (two {@code Authorization} headers, or the header and the query string or a form body) gets {@code 400
 * invalid_request} (RFC 6750 §3.1), and a token in the URL alone {@code 401 invalid_token}; both with the challenge
 * and a JSON-RPC error body.
 */
@ApplicationScoped
public class BearerChallengeFilter {

    /** Above SecurityHandlerPriorities.CORS (300): the decoration must be in place before authentication can fail. */
    private static final int CHALLENGE_PRIORITY = 400;

    private final McpTransports transports;
    private final BearerChallenge base;
    private final String challengeWithoutToken;
    private final String challengeForInvalidToken;

    BearerChallengeFilter(ResourceServerConfig config, McpTransports transports) {
        this.transports = transports;
        this.base = BearerChallenge.empty()
                .with("resource_metadata", ProtectedResourceMetadataRoutes.metadataUrl(config))
                .with("scope", String.join(" ", config.scopes()));
        this.challengeWithoutToken = base.format();
        this.challengeForInvalidToken = base.with("error", OAuthError.INVALID_TOKEN)
                .with("error_description", "The access token is missing its audience, expired, or not valid here")
                .format();
    }

    void register(@Observes Filters filters) {
        filters.register(this::challenge, CHALLENGE_PRIORITY);
    }

    private void challenge(RoutingContext ctx) {
        if (!transports.isMcpPath(ctx.normalizedPath())) {
            ctx.next(); // only the MCP endpoint's paths take tokens
            return;
        }
        HttpServerRequest request = ctx.request();
        int headers = request.headers().getAll("Authorization").size();
        boolean inQuery = request.getParam("access_token") != null;
        if (headers > 1 || (headers == 1 && inQuery)) {
            // RFC 6750 §3.1 invalid_request: "uses more than one method for including an access token" (or repeats it)
            refuse(ctx, 400, OAuthError.INVALID_REQUEST, "Send exactly one access token, in one Authorization header");
            return;
        }
        if (isFormBody(request)) {
            // RFC 6750 §2.2 (form-encoded body parameter) is not supported, and MCP messages are JSON: 400 for any
            // form-encoded body, so that a token in it is never read as well as one in the header
            refuse(ctx, 400, OAuthError.INVALID_REQUEST, "MCP requests are application/json; send the access token in the Authorization header");
            return;
        }
        if (inQuery) {
            // RFC 6750 §2.3 (URI query parameter) is not supported: a token in a URL ends up in logs and histories
            refuse(ctx, 401, OAuthError.INVALID_TOKEN, "Send the access token in the Authorization header, never in the URL");
            return;
        }
        ctx.addHeadersEndHandler(ignored -> {
            if (ctx.response().getStatusCode() == 401) {
                boolean tokenSent = request.getHeader("Authorization") != null;
                ctx.response().headers().set("WWW-Authenticate", tokenSent ? challengeForInvalidToken : challengeWithoutToken);
            }
        });
        ctx.next();
    }

    private void refuse(RoutingContext ctx, int status, String error, String description) {
        ctx.response().putHeader("WWW-Authenticate", base.with("error", error).with("error_description", description).format());
        JsonRpcErrors.end(ctx, status, JsonRpcErrors.error(null,
                status == 401 ? JsonRpcErrors.SECURITY_ERROR : JsonRpcErrors.INVALID_REQUEST,
                (status == 401 ? "Unauthorized: " : "Bad Request: ") + description, JsonRpcErrors.oauth(error, description)));
    }

    private static boolean isFormBody(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        return type != null && type.trim().toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }
}
