package dev.portcullis.mcp.security;

import dev.portcullis.mcp.config.ResourceServerConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * DNS-rebinding protection for the MCP endpoint (MCP transports, "Security Warning"): a request whose {@code Host}
 * names a host other than the resource's (or one configured in {@code portcullis.allowed-hosts}) is refused with
 * {@code 403} and a JSON-RPC error without id. The {@code Origin} header is validated by the Quarkus CORS filter
 * (same origin, or {@code quarkus.http.cors.origins}), which runs first and refuses others with {@code 403}.
 * Health and metadata paths are not affected.
 */
@ApplicationScoped
public class HostCheck {

    /** After CORS (300) has answered preflights, before authentication (200): no token is looked at for a refusal. */
    private static final int PRIORITY = 250;
    private static final String REFUSAL = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":\"%s\"}}";

    private final String mcpPath;
    private final Set<String> allowedHosts = new HashSet<>();
    private final boolean anyHost;

    HostCheck(ResourceServerConfig config,
            @ConfigProperty(name = "quarkus.mcp.server.http.root-path", defaultValue = "/mcp") String mcpPath) {
        this.mcpPath = mcpPath;
        URI resource = config.resource();
        allowedHosts.add(hostName(resource.getHost()));
        config.allowedHosts().orElse(List.of()).forEach(h -> allowedHosts.add(hostName(h)));
        this.anyHost = allowedHosts.contains("*");
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!path.equals(mcpPath) && !path.startsWith(mcpPath + "/")) {
            ctx.next();
            return;
        }
        // the authority is the Host header in HTTP/1.1 and :authority in HTTP/2 (e.g. after an h2c upgrade)
        var authority = ctx.request().authority();
        String host = authority == null ? null : hostName(authority.host());
        if (!anyHost && (host == null || !allowedHosts.contains(host))) {
            refuse(ctx, "Host not allowed");
            return;
        }
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json").end(REFUSAL.formatted(message));
    }

    /** A host name lower-cased, without port and without the brackets of an IPv6 literal. */
    static String hostName(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        String value = host.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? null : value.substring(1, end);
        }
        int colon = value.indexOf(':');
        return colon < 0 || value.indexOf(':', colon + 1) >= 0 ? value : value.substring(0, colon);
    }
}
