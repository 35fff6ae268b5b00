package dev.portcullis.mcp.security;

import dev.portcullis.mcp.config.ResourceServerConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * DNS-rebinding protection for the MCP endpoint (MCP transports, "Security Warning": servers MUST validate the
 * {@code Origin} header): a request whose {@code Host} names a host other than the resource's (or one configured in
 * {@code portcullis.allowed-hosts}), or whose {@code Origin} is neither the request's own origin nor one allowed by
 * {@code quarkus.http.cors.origins} (exact, {@code *}, or {@code /regex/}, read through Quarkus's CORS helpers), is
 * refused with {@code 403} and a JSON-RPC error without id. It runs just before the Quarkus CORS filter, which
 * applies the same origins but refuses with an empty body; allowed origins then get their CORS headers from it.
 * Health and metadata paths are not affected.
 */
@ApplicationScoped
public class HostCheck {

    /** Before CORS (300), so that a refusal has a body; before authentication: no token is looked at for a refusal. */
    private static final int PRIORITY = 310;
    private static final String REFUSAL = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":\"%s\"}}";

    private final String mcpPath;
    private final Set<String> allowedHosts = new HashSet<>();
    private final boolean anyHost;
    private final Set<String> allowedOrigins;
    private final List<Pattern> allowedOriginPatterns;
    private final boolean anyOrigin;

    HostCheck(ResourceServerConfig config,
            @ConfigProperty(name = "quarkus.mcp.server.http.root-path", defaultValue = "/mcp") String mcpPath,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> corsOrigins) {
        this.mcpPath = mcpPath;
        this.allowedOrigins = Set.copyOf(corsOrigins.orElse(List.of()));
        this.allowedOriginPatterns = CORSFilter.parseAllowedOriginsRegex(corsOrigins);
        this.anyOrigin = allowedOrigins.contains("*"); // (CORSFilter.isConfiguredWithWildcard is true for none at all)
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
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && !anyOrigin && !allowedOrigins.contains(origin)
                && !CORSFilter.isOriginAllowedByRegex(allowedOriginPatterns, origin) && !isSameOrigin(ctx, origin)) {
            refuse(ctx, "Origin not allowed");
            return;
        }
        ctx.next();
    }

    /** RFC 6454 §5: the Origin names this request's scheme, host and port (default ports made explicit). */
    private static boolean isSameOrigin(RoutingContext ctx, String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException malformed) {
            return false;
        }
        var authority = ctx.request().authority();
        if (uri.getScheme() == null || uri.getHost() == null || authority == null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null) {
            return false;
        }
        String scheme = ctx.request().scheme();
        return uri.getScheme().equalsIgnoreCase(scheme)
                && hostName(uri.getHost()).equals(hostName(authority.host()))
                && port(uri.getPort(), uri.getScheme()) == port(authority.port(), scheme);
    }

    private static int port(int port, String scheme) {
        return port > 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
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
