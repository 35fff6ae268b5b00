package dev.portcullis.mcp.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.common.oauth.ProtectedResourceMetadata;
import dev.portcullis.common.oauth.WellKnown;
import dev.portcullis.mcp.config.ResourceServerConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Serves the Protected Resource Metadata document (RFC 9728 §3) at the path-aware location derived from the resource
 * identifier ({@code /.well-known/oauth-protected-resource/mcp}) and at the root location, for clients of the
 * 2025-06-18 revision that only try the root.
 */
@ApplicationScoped
public class ProtectedResourceMetadataRoutes {

    private static final String METHOD_NOT_ALLOWED =
            "{\"error\":\"invalid_request\",\"error_description\":\"The resource metadata is read with GET\"}";
    private final String document;
    private final List<String> paths;

    ProtectedResourceMetadataRoutes(ResourceServerConfig config, ObjectMapper mapper) throws JsonProcessingException {
        ProtectedResourceMetadata metadata = new ProtectedResourceMetadata(
                config.resource().toString(),
                config.authorizationServers(),
                config.scopes(),
                List.of("header"), // RFC 6750 §2.1 only: tokens in a query string or form body are not accepted
                config.resourceName().orElse(null),
                null);
        this.document = mapper.writeValueAsString(metadata);
        this.paths = WellKnown.protectedResourceMetadataUris(config.resource()).stream().map(uri -> uri.getRawPath()).toList();
    }

    void register(@Observes Router router) {
        for (String path : paths) {
            router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "max-age=300")
                    .putHeader("Access-Control-Allow-Origin", "*")
                    .end(document));
            // RFC 9110 §15.5.6: any other method is 405 with Allow (RFC 9728 §3.1 defines GET only)
            router.route(path).handler(ctx -> ctx.response().setStatusCode(405)
                    .putHeader("Allow", "GET, HEAD")
                    .putHeader("Content-Type", "application/json")
                    .end(METHOD_NOT_ALLOWED));
        }
    }

    /** The absolute URL of the path-aware document, as announced in {@code WWW-Authenticate}. */
    public static String metadataUrl(ResourceServerConfig config) {
        return WellKnown.protectedResourceMetadataUri(config.resource()).toString();
    }
}
