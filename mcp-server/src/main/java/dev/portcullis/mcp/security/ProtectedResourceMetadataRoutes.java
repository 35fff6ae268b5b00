package dev.portcullis.mcp.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.common.oauth.ProtectedResourceMetadata;
import dev.portcullis.common.oauth.WellKnown;
import dev.portcullis.mcp.config.ResourceServerConfig;
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
            router.get(path).handler(ctx -> ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "max-age=300")
                    .putHeader("Access-Control-Allow-Origin", "*")
                    .end(document));
        }
    }

    /** The absolute URL of the path-aware document, as announced in {@code WWW-Authenticate}. */
    public static String metadataUrl(ResourceServerConfig config) {
        return WellKnown.protectedResourceMetadataUri(config.resource()).toString();
    }
}
