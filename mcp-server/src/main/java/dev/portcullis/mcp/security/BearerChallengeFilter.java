package dev.portcullis.mcp.security;

import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.mcp.config.ResourceServerConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives every {@code 401} of this server the challenge an MCP client needs (MCP authorization "Protected Resource
 * Metadata Discovery"; RFC 9728 §5.1; RFC 6750 §3): where the resource metadata lives, which scope a first request
 * needs, and {@code error="invalid_token"} when a token was sent but refused (RFC 6750 §3.1). Token validation itself
 * is quarkus-oidc's, configured in application.properties.
 */
@ApplicationScoped
public class BearerChallengeFilter {

    /** Above SecurityHandlerPriorities.CORS (300): the decoration must be in place before authentication can fail. */
    private static final int CHALLENGE_PRIORITY = 400;

    private final String challengeWithoutToken;
    private final String challengeForInvalidToken;
    private final String challengeForQueryToken;

    BearerChallengeFilter(ResourceServerConfig config) {
        BearerChallenge base = BearerChallenge.empty()
                .with("resource_metadata", ProtectedResourceMetadataRoutes.metadataUrl(config))
                .with("scope", String.join(" ", config.scopes()));
        this.challengeWithoutToken = base.format();
        this.challengeForInvalidToken = base.with("error", OAuthError.INVALID_TOKEN)
                .with("error_description", "The access token is missing its audience, expired, or not valid here")
                .format();
        this.challengeForQueryToken = base.with("error", OAuthError.INVALID_TOKEN)
                .with("error_description", "Send the access token in the Authorization header, never in the URL")
                .format();
    }

    void register(@Observes Filters filters) {
        filters.register(this::challenge, CHALLENGE_PRIORITY);
    }

    private void challenge(RoutingContext ctx) {
        if (ctx.request().getParam("access_token") != null) {
            // RFC 6750 §2.3 (URI query parameter) is not supported: a token in a URL ends up in logs and histories
            ctx.response().setStatusCode(401)
                    .putHeader("WWW-Authenticate", challengeForQueryToken)
                    .putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"invalid_token\",\"error_description\":\"Send the access token in the Authorization header\"}");
            return;
        }
        ctx.addHeadersEndHandler(ignored -> {
            if (ctx.response().getStatusCode() == 401) {
                boolean tokenSent = ctx.request().getHeader("Authorization") != null;
                ctx.response().headers().set("WWW-Authenticate", tokenSent ? challengeForInvalidToken : challengeWithoutToken);
            }
        });
        ctx.next();
    }
}
