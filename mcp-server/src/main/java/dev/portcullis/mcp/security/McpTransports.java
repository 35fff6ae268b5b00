package dev.portcullis.mcp.security;

import dev.portcullis.mcp.config.ResourceServerConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP endpoints through which quarkus-mcp-server-http 1.13 carries MCP messages, so that every security check
 * knows all of them. Under {@code quarkus.mcp.server.http.root-path} ({@code /mcp}) it serves:
 * <ul>
 * <li>Streamable HTTP (MCP 2025-03-26 and later): {@code POST|GET|DELETE /mcp}, the session in {@code Mcp-Session-Id};</li>
 * <li>the deprecated HTTP+SSE transport (MCP 2024-11-05): {@code GET /mcp/sse} opens a session and names its message
 * endpoint {@code POST /mcp/messages/<session id>}.</li>
 * </ul>
 * The extension has no switch for the second (its configuration has {@code http.enabled}, {@code root-path},
 * {@code message-endpoint.include-query-params}, {@code dns-rebinding-check.enabled}, {@code streamable.*} only), so
 * this filter answers its paths with 404 unless {@code portcullis.legacy-sse.enabled=true}; before authentication, so
 * that they look absent to everyone.
 */
@ApplicationScoped
public class McpTransports {

    /** Above CORS (300): an absent endpoint needs no CORS or token processing; below HostCheck (310). */
    private static final int PRIORITY = 305;

    public enum Endpoint { STREAMABLE, LEGACY_SSE, LEGACY_MESSAGES }

    private final String mcpPath;
    private final String ssePath;
    private final String messagesPrefix;
    private final boolean legacyEnabled;

    McpTransports(ResourceServerConfig config,
            @ConfigProperty(name = "quarkus.mcp.server.http.root-path", defaultValue = "/mcp") String mcpPath) {
        this.mcpPath = mcpPath.endsWith("/") && mcpPath.length() > 1 ? mcpPath.substring(0, mcpPath.length() - 1) : mcpPath;
        this.ssePath = this.mcpPath + "/sse";
        this.messagesPrefix = this.mcpPath + "/messages/";
        this.legacyEnabled = config.legacySse().enabled();
    }

    void register(@Observes Filters filters) {
        filters.register(this::gate, PRIORITY);
    }

    private void gate(RoutingContext ctx) {
        Endpoint endpoint = classify(ctx.normalizedPath());
        if (!legacyEnabled && (endpoint == Endpoint.LEGACY_SSE || endpoint == Endpoint.LEGACY_MESSAGES)) {
            JsonRpcErrors.end(ctx, 404, JsonRpcErrors.TRANSPORT_ERROR,
                    "Not Found: this server speaks the Streamable HTTP transport at " + mcpPath);
            return;
        }
        ctx.next();
    }

    public String mcpPath() {
        return mcpPath;
    }

    /** Whether the path is the MCP endpoint or below it (where all MCP security applies). */
    public boolean isMcpPath(String path) {
        return path != null && (path.equals(mcpPath) || path.startsWith(mcpPath + "/"));
    }

    /** Which transport endpoint a path is, or {@code null} for none (another path, or an unknown one under /mcp). */
    public Endpoint classify(String path) {
        if (path == null) {
            return null;
        }
        if (path.equals(mcpPath)) {
            return Endpoint.STREAMABLE;
        }
        if (path.equals(ssePath)) {
            return Endpoint.LEGACY_SSE;
        }
        if (path.startsWith(messagesPrefix) && path.length() > messagesPrefix.length()
                && path.indexOf('/', messagesPrefix.length()) < 0) {
            return Endpoint.LEGACY_MESSAGES;
        }
        return null;
    }

    /** The MCP session a request names: its {@code Mcp-Session-Id}, or the id in a legacy message endpoint's path. */
    public String sessionId(RoutingContext ctx, Endpoint endpoint) {
        return switch (endpoint) {
            case STREAMABLE -> ctx.request().getHeader("Mcp-Session-Id");
            case LEGACY_MESSAGES -> ctx.normalizedPath().substring(messagesPrefix.length());
            case LEGACY_SSE -> null;
        };
    }
}
