package dev.portcullis.mcp.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Which principal opened each MCP session: the (issuer, subject, client) of the access token of the request that
 * created it. A session id is only good together with a token of the same principal (MCP transports, "Session
 * Management": servers should bind sessions to user information); anyone else is told the session does not exist.
 * An id this server has no owner for is unknown too (fail closed): e.g. one forgotten after the bound on remembered
 * sessions was reached, whose client then initializes a new one. quarkus-mcp-server keeps the sessions themselves.
 */
@ApplicationScoped
public class McpSessionOwners {

    /** Far more live sessions than one replica serves; past it, the least recently used lose their binding. */
    private static final int MAX_SESSIONS = 100_000;

    /**
     * Who a request acts for; where /mcp is configured to need no authorization (the conformance fixture, the
     * benchmark's second server) everyone is {@link #ANONYMOUS}.
     */
    public record Owner(String issuer, String subject, String client) {
        static final Owner ANONYMOUS = new Owner("", "", "");

        @Override
        public String toString() {
            return "Owner[subject=" + subject + "]"; // issuer and client are not secret, but nothing needs them logged
        }
    }

    private final Cache<String, Owner> owners;

    McpSessionOwners(@ConfigProperty(name = "quarkus.mcp.server.connection-idle-timeout", defaultValue = "30M") Duration idle) {
        // the extension drops an idle session after this long; the binding outlives it (a stale one only costs memory)
        this.owners = Caffeine.newBuilder()
                .maximumSize(MAX_SESSIONS)
                .expireAfterAccess(idle.isZero() || idle.isNegative() ? Duration.ofDays(1) : idle.multipliedBy(2))
                .build();
    }

    public static Owner ownerOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Owner.ANONYMOUS;
        }
        Object client = token.getClaim("client_id"); // RFC 9068 §2.2; Keycloak and other OIDC servers: azp
        if (client == null) {
            client = token.getClaim("azp");
        }
        return new Owner(String.valueOf(token.getIssuer()), String.valueOf(token.getSubject()),
                client == null ? "" : String.valueOf(unwrap(client)));
    }

    private static Object unwrap(Object claim) {
        return claim instanceof jakarta.json.JsonString json ? json.getString() : claim;
    }

    /** Records the owner of a session just created; an existing binding is never replaced. */
    public void bind(String sessionId, Owner owner) {
        owners.asMap().putIfAbsent(sessionId, owner);
    }

    /** Whether the session is known here and was opened by this owner. */
    public boolean isOwnedBy(String sessionId, Owner owner) {
        Owner bound = owners.getIfPresent(sessionId);
        return bound != null && bound.equals(owner);
    }

    public boolean isBound(String sessionId) {
        return owners.getIfPresent(sessionId) != null;
    }

    public void forget(String sessionId) {
        owners.invalidate(sessionId);
    }
}
