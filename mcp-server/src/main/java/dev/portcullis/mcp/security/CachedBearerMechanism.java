package dev.portcullis.mcp.security;

import dev.portcullis.common.oauth.BearerAuthorization;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Consulted before quarkus-oidc (higher priority): answers with the remembered identity when the bearer token was
 * verified before and has not expired, and otherwise steps aside so that quarkus-oidc verifies it in full. Being the
 * first mechanism, it also sends the challenge of every refused request on the MCP paths (no token, or a refused one):
 * 401 with a JSON-RPC error body ({@link JsonRpcErrors#unauthorized}); Quarkus would end it with an empty body, or
 * pass the exception on to a failure handler. The {@code WWW-Authenticate} header is {@link BearerChallengeFilter}'s.
 */
@ApplicationScoped
public class CachedBearerMechanism implements HttpAuthenticationMechanism {

    private final VerifiedTokenCache cache;
    private final McpTransports transports;

    CachedBearerMechanism(VerifiedTokenCache cache, McpTransports transports) {
        this.cache = cache;
        this.transports = transports;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = BearerAuthorization.token(context.request().getHeader("Authorization"));
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(cache.get(token));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!transports.isMcpPath(context.normalizedPath()) || context.response().ended()) {
            return Uni.createFrom().item(false);
        }
        // RFC 6750 §3: 401 for a missing or refused token
        JsonRpcErrors.end(context, 401, JsonRpcErrors.unauthorized(context.request().getHeader("Authorization") != null));
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100; // before quarkus-oidc (DEFAULT_PRIORITY + 1)
    }
}
