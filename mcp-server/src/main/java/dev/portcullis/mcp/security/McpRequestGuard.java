package dev.portcullis.mcp.security;

import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.mcp.config.ResourceServerConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Checks every MCP request before the MCP layer sees it. A body that is JSON but no JSON-RPC message gets
 * {@code 400} with JSON-RPC "Invalid Request". Then it refuses a request whose token lacks the scopes it needs: the base scopes for any MCP
 * message, and a tool's {@link RequiresScopes} for {@code tools/call}. The answer is HTTP {@code 403} with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="<every scope the operation needs>",
 * resource_metadata="…"} (RFC 6750 §3.1; MCP authorization "Scope Challenge Handling"), and a JSON-RPC error body.
 * Authentication (signature, issuer, expiry, audience) has already happened in quarkus-oidc.
 */
@ApplicationScoped
public class McpRequestGuard {

    private final ToolScopes toolScopes;
    private final String metadataUrl;
    private final String mcpPath;
    private final long bodyLimit;

    McpRequestGuard(ToolScopes toolScopes, ResourceServerConfig config,
            @ConfigProperty(name = "quarkus.mcp.server.http.root-path", defaultValue = "/mcp") String mcpPath) {
        this.toolScopes = toolScopes;
        this.metadataUrl = ProtectedResourceMetadataRoutes.metadataUrl(config);
        this.mcpPath = mcpPath;
        this.bodyLimit = config.maxRequestBytes();
    }

    void register(@Observes Router router) {
        // order -1: after the security filters (negative orders below -1), before the MCP endpoint's route
        router.post(mcpPath).order(-1).handler(BodyHandler.create().setBodyLimit(bodyLimit)).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        Object message;
        try {
            message = Json.decodeValue(ctx.body().buffer());
        } catch (DecodeException | NullPointerException malformed) {
            ctx.next(); // the MCP endpoint answers with a JSON-RPC parse error (-32700)
            return;
        }
        if (!isRequestShape(message)) {
            // JSON-RPC 2.0 §5: "Invalid Request"; answered here because the MCP layer fails on such input
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: a JSON-RPC message is a JSON object\"}}");
            return;
        }
        QuarkusHttpUser user = (QuarkusHttpUser) ctx.user();
        if (user == null || user.getSecurityIdentity().isAnonymous()) {
            ctx.next(); // no authorization on this request (the permission policy answered 401 where it is needed)
            return;
        }
        Set<String> granted = toolScopes.effectiveScopes(scopeClaim(user.getSecurityIdentity()));
        Set<String> needed = new LinkedHashSet<>(toolScopes.baseScopes());
        Object id = null;
        for (Object item : message instanceof JsonArray batch ? batch.getList() : List.of(message)) {
            JsonObject request = item instanceof JsonObject json ? json
                    : item instanceof java.util.Map<?, ?> map ? new JsonObject(castMap(map)) : null;
            if (request != null && "tools/call".equals(request.getString("method"))) {
                JsonObject params = request.getJsonObject("params");
                if (params != null && params.getValue("name") instanceof String tool) {
                    needed.addAll(toolScopes.requiredFor(tool));
                    id = request.getValue("id");
                }
            }
        }
        if (granted.containsAll(needed)) {
            ctx.next();
            return;
        }
        Set<String> missing = new HashSet<>(needed);
        missing.removeAll(granted);
        String challenge = BearerChallenge.empty()
                .with("error", OAuthError.INSUFFICIENT_SCOPE)
                .with("scope", String.join(" ", needed))
                .with("resource_metadata", metadataUrl)
                .with("error_description", "This operation needs the scope(s): " + String.join(" ", missing))
                .format();
        JsonObject error = new JsonObject().put("jsonrpc", "2.0").put("id", id)
                .put("error", new JsonObject().put("code", -32001)
                        .put("message", "Forbidden: insufficient scope; needs " + String.join(" ", needed)));
        ctx.response().setStatusCode(403)
                .putHeader("WWW-Authenticate", challenge)
                .putHeader("Content-Type", "application/json")
                .end(error.toBuffer());
    }

    /** A JSON object, or a non-empty array of JSON objects. */
    private static boolean isRequestShape(Object message) {
        if (message instanceof JsonObject) {
            return true;
        }
        if (message instanceof JsonArray batch && !batch.isEmpty()) {
            for (Object item : batch) {
                if (!(item instanceof JsonObject) && !(item instanceof java.util.Map<?, ?>)) {
                    return false;
                }
            }
            return true;
        }
        return false;
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

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> castMap(java.util.Map<?, ?> map) {
        return (java.util.Map<String, Object>) map;
    }
}
