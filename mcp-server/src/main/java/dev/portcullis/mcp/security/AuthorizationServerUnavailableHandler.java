package dev.portcullis.mcp.security;

import io.quarkus.oidc.OIDCException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * When the authorization server cannot be reached (quarkus-oidc has no keys yet), a request is not the client's
 * fault: without a token it still gets the usual {@code 401} challenge so the client can discover where to sign in;
 * with a token it gets {@code 503} with {@code Retry-After}, never a {@code 500}. Only protected paths (the MCP
 * endpoint's) verify tokens, so the bodies are JSON-RPC errors.
 */
@ApplicationScoped
public class AuthorizationServerUnavailableHandler {

    private static final Logger LOG = Logger.getLogger(AuthorizationServerUnavailableHandler.class);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (!isOidcFailure(ctx.failure()) || ctx.response().ended()) {
            ctx.next();
            return;
        }
        LOG.warnf("Authorization server unavailable: %s", ctx.failure().getMessage());
        if (ctx.request().getHeader("Authorization") == null) {
            // BearerChallengeFilter adds the challenge
            JsonRpcErrors.end(ctx, 401, JsonRpcErrors.unauthorized(false));
        } else {
            String description = "The authorization server cannot be reached to verify the token; try again shortly";
            ctx.response().putHeader("Retry-After", "5");
            // RFC 6749 §4.1.2.1 names this condition temporarily_unavailable
            JsonRpcErrors.end(ctx, 503, JsonRpcErrors.error(null, JsonRpcErrors.TRANSPORT_ERROR, "Service Unavailable: " + description,
                    JsonRpcErrors.oauth("temporarily_unavailable", description)));
        }
    }

    private static boolean isOidcFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OIDCException) {
                return true;
            }
        }
        return false;
    }
}
