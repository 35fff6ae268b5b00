package dev.portcullis.mcp.security;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Answers that Vert.x Web's router gives by itself, with no handler of ours involved (a request target whose
 * percent-escapes are not hexadecimal, a body over the size limit): without an error handler per status it ends the
 * response with the status and an empty body. Under the MCP paths these become JSON-RPC errors, elsewhere an OAuth
 * style JSON error. (Requests the HTTP codec cannot parse at all, such as a NUL byte in a header, never reach the
 * router: Vert.x answers them with a bare status.)
 */
@ApplicationScoped
public class RouterErrors {

    private static final Logger LOG = Logger.getLogger(RouterErrors.class);

    private static final Map<Integer, String> REASONS = Map.of(
            400, "The request could not be read",
            404, "Not found",
            405, "Method not allowed",
            413, "The request is too large",
            415, "Unsupported media type");

    private final McpTransports transports;

    RouterErrors(McpTransports transports) {
        this.transports = transports;
    }

    void register(@Observes Router router) {
        REASONS.forEach((status, reason) -> router.errorHandler(status, ctx -> answer(ctx, status, reason)));
    }

    private void answer(RoutingContext ctx, int status, String reason) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        String path = ctx.request().path() == null ? "" : ctx.request().path();
        if (status == 400 || status == 413) {
            LOG.infof("Refused a malformed request: %s: %s", ctx.request().method(), reason);
        }
        if (transports.isMcpPath(path)) {
            int code = status == 404 ? JsonRpcErrors.SESSION_NOT_FOUND : JsonRpcErrors.TRANSPORT_ERROR;
            JsonRpcErrors.end(ctx, status, JsonRpcErrors.error(null, code, reason, null));
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("error", status == 404 ? "not_found" : "invalid_request")
                        .put("error_description", reason).encode());
    }
}
