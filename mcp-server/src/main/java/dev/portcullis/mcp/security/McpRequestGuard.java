package dev.portcullis.mcp.security;

import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.mcp.config.ResourceServerConfig;
import dev.portcullis.mcp.security.McpSessionOwners.Owner;
import dev.portcullis.mcp.security.McpTransports.Endpoint;
import io.quarkiverse.mcp.server.http.runtime.SseMcpConnection;
import io.quarkiverse.mcp.server.runtime.ConnectionManager;
import io.quarkiverse.mcp.server.runtime.McpConnectionBase;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The one place where MCP requests are authorized, for every transport the server exposes ({@link McpTransports}):
 * a route in front of all of {@code /mcp} and {@code /mcp/*}, whatever the method. Authentication (signature,
 * issuer, expiry, audience, {@code typ}) has already happened in quarkus-oidc. In order:
 * <ol>
 * <li>a session named by the request (its {@code Mcp-Session-Id}, or a legacy message endpoint's id) must have been
 * opened by the same principal ({@link McpSessionOwners}); otherwise 404, as for an unknown session;</li>
 * <li>a POST body must be JSON-RPC messages of the MCP schema's types ({@link McpMessageShape}); otherwise 400 with
 * -32600 or -32602 (a body that is no JSON at all is left to the MCP layer's -32700);</li>
 * <li>the token must hold the base scopes, and for {@code tools/call} the tool's {@link RequiresScopes}; otherwise 403
 * with {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="<every scope the operation needs>",
 * resource_metadata="…"} (RFC 6750 §3.1; MCP authorization "Scope Challenge Handling").</li>
 * </ol>
 * A session a request creates is bound to its principal before its id reaches the client.
 */
@ApplicationScoped
public class McpRequestGuard {

    private static final Logger LOG = Logger.getLogger(McpRequestGuard.class);
    private static final String SESSION_HEADER = "Mcp-Session-Id";

    private final ToolScopes toolScopes;
    private final McpTransports transports;
    private final McpSessionOwners owners;
    private final ConnectionManager connections;
    private final String metadataUrl;
    private final long bodyLimit;
    /** Serializes opening legacy SSE sessions, so that the session a request created can be told from others. */
    private final Object legacySessions = new Object();

    McpRequestGuard(ToolScopes toolScopes, McpTransports transports, McpSessionOwners owners, ConnectionManager connections,
            ResourceServerConfig config) {
        this.toolScopes = toolScopes;
        this.transports = transports;
        this.owners = owners;
        this.connections = connections;
        this.metadataUrl = ProtectedResourceMetadataRoutes.metadataUrl(config);
        this.bodyLimit = config.maxRequestBytes();
    }

    void register(@Observes Router router) {
        // order -1: after the security filters, before the MCP extension's routes
        for (String path : List.of(transports.mcpPath(), transports.mcpPath() + "/*")) {
            router.route(path).order(-1).handler(BodyHandler.create().setBodyLimit(bodyLimit)).handler(this::check);
        }
    }

    private void check(RoutingContext ctx) {
        Endpoint endpoint = transports.classify(ctx.normalizedPath());
        if (endpoint == null) {
            JsonRpcErrors.end(ctx, 404, JsonRpcErrors.TRANSPORT_ERROR, "Not Found: no MCP endpoint at this path");
            return;
        }
        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        Owner owner = McpSessionOwners.ownerOf(identity);
        String sessionId = transports.sessionId(ctx, endpoint);
        if (sessionId != null && !ownedBy(sessionId, owner, endpoint)) {
            // MCP transports "Session Management": 404 for a session the server does not know; another principal's
            // session is not revealed to exist
            LOG.infof("MCP session unknown or not opened by %s", owner);
            JsonRpcErrors.end(ctx, 404, JsonRpcErrors.SESSION_NOT_FOUND, "Session not found");
            return;
        }
        List<JsonObject> messages = List.of();
        if (ctx.request().method() == HttpMethod.POST) {
            Object body;
            try {
                body = Json.decodeValue(ctx.body().buffer());
            } catch (DecodeException | NullPointerException malformed) {
                ctx.next(); // the MCP endpoint answers with a JSON-RPC parse error (-32700)
                return;
            }
            McpMessageShape.Outcome outcome = McpMessageShape.check(body);
            if (outcome instanceof McpMessageShape.Problem problem) {
                LOG.infof("Malformed MCP message refused: %s", problem.message());
                JsonRpcErrors.end(ctx, 400, JsonRpcErrors.error(problem.id(), problem.code(), problem.message(), null));
                return;
            }
            messages = ((McpMessageShape.Messages) outcome).list();
        }
        if (identity != null && !identity.isAnonymous() && refusedForScope(ctx, identity, messages)) {
            return;
        }
        if (endpoint == Endpoint.STREAMABLE && sessionId == null && ctx.request().method() == HttpMethod.POST) {
            // bound before the headers (and with them the new id) leave
            ctx.addHeadersEndHandler(ignored -> {
                String created = ctx.response().headers().get(SESSION_HEADER);
                if (created != null) {
                    owners.bind(created, owner);
                }
            });
        } else if (endpoint == Endpoint.STREAMABLE && sessionId != null && ctx.request().method() == HttpMethod.DELETE) {
            ctx.addHeadersEndHandler(ignored -> {
                if (ctx.response().getStatusCode() / 100 == 2) {
                    owners.forget(sessionId);
                }
            });
        } else if (endpoint == Endpoint.LEGACY_SSE && ctx.request().method() == HttpMethod.GET) {
            openLegacySession(ctx, owner);
            return;
        }
        ctx.next();
    }

    /** Whether the session was opened by this owner, through the transport the request uses. */
    private boolean ownedBy(String sessionId, Owner owner, Endpoint endpoint) {
        boolean legacy = endpoint == Endpoint.LEGACY_MESSAGES;
        McpConnectionBase connection = connections.get(sessionId);
        if (connection != null && (connection instanceof SseMcpConnection) != legacy) {
            return false; // a session of the other transport: the extension would fail on it with a 500
        }
        if (legacy) {
            synchronized (legacySessions) { // wait for a session being opened to be bound
                return owners.isOwnedBy(sessionId, owner);
            }
        }
        return owners.isOwnedBy(sessionId, owner);
    }

    /**
     * The legacy SSE handler creates the session and sends its id in the first event, within this call: the session
     * that appears while the lock is held is this request's, and is bound before the lock lets a message through.
     */
    private void openLegacySession(RoutingContext ctx, Owner owner) {
        synchronized (legacySessions) {
            Set<String> before = legacySessionIds();
            ctx.next();
            Set<String> created = legacySessionIds();
            created.removeAll(before);
            if (created.size() == 1) {
                owners.bind(created.iterator().next(), owner);
            } else if (!created.isEmpty()) {
                LOG.warnf("%d legacy SSE sessions appeared at once; none is usable", created.size());
            }
        }
    }

    private Set<String> legacySessionIds() {
        Set<String> ids = new HashSet<>();
        for (McpConnectionBase connection : connections) {
            if (connection instanceof SseMcpConnection) {
                ids.add(connection.id());
            }
        }
        return ids;
    }

    /** Answers 403 with the step-up challenge when the token lacks a scope the messages need. */
    private boolean refusedForScope(RoutingContext ctx, SecurityIdentity identity, List<JsonObject> messages) {
        Set<String> granted = toolScopes.effectiveScopes(scopeClaim(identity));
        Set<String> needed = new LinkedHashSet<>(toolScopes.baseScopes());
        Object id = null;
        for (JsonObject message : messages) {
            if ("tools/call".equals(message.getValue("method")) && message.getValue("params") instanceof JsonObject params
                    && params.getValue("name") instanceof String tool) {
                needed.addAll(toolScopes.requiredFor(tool));
                id = message.getValue("id");
            }
        }
        if (granted.containsAll(needed)) {
            return false;
        }
        Set<String> missing = new LinkedHashSet<>(needed);
        missing.removeAll(granted);
        String description = "This operation needs the scope(s): " + String.join(" ", missing);
        // RFC 6750 §3.1 insufficient_scope; scope lists every scope the operation needs (MCP "Scope Challenge Handling")
        String challenge = BearerChallenge.empty()
                .with("error", OAuthError.INSUFFICIENT_SCOPE)
                .with("scope", String.join(" ", needed))
                .with("resource_metadata", metadataUrl)
                .with("error_description", description)
                .format();
        ctx.response().putHeader("WWW-Authenticate", challenge);
        JsonRpcErrors.end(ctx, 403, JsonRpcErrors.error(id, JsonRpcErrors.SECURITY_ERROR,
                "Forbidden: insufficient scope; needs " + String.join(" ", needed),
                JsonRpcErrors.oauth(OAuthError.INSUFFICIENT_SCOPE, description)));
        return true;
    }

    /** The token's {@code scope} claim as sent (space-separated), or empty. */
    private static String scopeClaim(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object scope = token.getClaim("scope");
            if (scope instanceof jakarta.json.JsonString json) {
                return json.getString();
            }
            if (scope instanceof String value) {
                return value;
            }
        }
        return "";
    }
}
