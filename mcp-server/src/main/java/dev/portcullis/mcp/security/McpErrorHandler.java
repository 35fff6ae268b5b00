package dev.portcullis.mcp.security;

import io.quarkiverse.mcp.server.runtime.McpMessageHandler;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Gives every failed request on the MCP paths a JSON-RPC error body: the MCP extension answers its transport errors
 * ({@code ctx.fail(400|404|405)}: no or wrong {@code Accept}, unsupported {@code MCP-Protocol-Version}, unknown
 * session, GET or DELETE without a session) with empty bodies, and authentication failures with the exception's
 * class name. Runs before the extension's own failure route and Quarkus's error page; a failure nobody caused on
 * purpose (a bug) is a 500 with {@code -32603}, logged on one line without its stack trace.
 * {@code WWW-Authenticate} on a 401 is {@link BearerChallengeFilter}'s.
 */
@ApplicationScoped
public class McpErrorHandler {

    private static final Logger LOG = Logger.getLogger(McpErrorHandler.class);

    private final McpTransports transports;

    McpErrorHandler(McpTransports transports) {
        this.transports = transports;
    }

    void register(@Observes Router router) {
        // just after AuthorizationServerUnavailableHandler (Integer.MIN_VALUE), before every other failure handler
        for (String path : List.of(transports.mcpPath(), transports.mcpPath() + "/*")) {
            router.route(path).order(Integer.MIN_VALUE + 1).failureHandler(this::handle);
        }
    }

    private void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().end(); // a stream already under way: nothing can be said in it any more
            return;
        }
        Throwable failure = ctx.failure();
        HttpServerRequest request = ctx.request();
        if (failure instanceof AuthenticationException || failure instanceof UnauthorizedException) {
            // RFC 6750 §3.1 (normally CachedBearerMechanism has sent this challenge already)
            JsonRpcErrors.end(ctx, 401, JsonRpcErrors.unauthorized(request.getHeader("Authorization") != null));
            return;
        }
        if (failure instanceof ForbiddenException) {
            JsonRpcErrors.end(ctx, 403, JsonRpcErrors.SECURITY_ERROR, "Forbidden");
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        if (status == -1 && isInputFailure(failure)) {
            // the MCP layer cast a member of a message it did not check: the message was malformed
            LOG.infof("Malformed MCP message: %s", failure.getClass().getSimpleName());
            JsonRpcErrors.end(ctx, 400, JsonRpcErrors.INVALID_PARAMS, "Invalid params");
            return;
        }
        switch (status) {
            case 400 -> JsonRpcErrors.end(ctx, 400, JsonRpcErrors.TRANSPORT_ERROR, badRequest(request));
            case 404 -> JsonRpcErrors.end(ctx, 404, JsonRpcErrors.SESSION_NOT_FOUND,
                    request.getHeader("Mcp-Session-Id") == null && transports.classify(ctx.normalizedPath()) == McpTransports.Endpoint.STREAMABLE
                            ? "Not Found: no Mcp-Session-Id header names a session" : "Session not found");
            case 405 -> {
                if (!ctx.response().headers().contains("Allow")) {
                    ctx.response().putHeader("Allow", allowed(ctx));
                }
                JsonRpcErrors.end(ctx, 405, JsonRpcErrors.TRANSPORT_ERROR,
                        request.getHeader("Mcp-Session-Id") == null && "GET".equals(request.method().name())
                                ? "Method Not Allowed: GET needs the Mcp-Session-Id of an initialized session"
                                : "Method Not Allowed");
            }
            case 413 -> JsonRpcErrors.end(ctx, 413, JsonRpcErrors.TRANSPORT_ERROR, "Payload Too Large");
            case 415 -> JsonRpcErrors.end(ctx, 415, JsonRpcErrors.TRANSPORT_ERROR, "Unsupported Media Type: send application/json");
            default -> {
                if (status >= 400 && status < 500) {
                    JsonRpcErrors.end(ctx, status, JsonRpcErrors.TRANSPORT_ERROR, "Request refused");
                } else {
                    LOG.errorf("MCP request failed: %s", failure == null ? "status " + status : failure.toString());
                    JsonRpcErrors.end(ctx, 500, JsonRpcErrors.INTERNAL_ERROR, "Internal error");
                }
            }
        }
    }

    private static boolean isInputFailure(Throwable failure) {
        return failure instanceof ClassCastException || failure instanceof IllegalArgumentException
                || failure instanceof io.vertx.core.json.DecodeException;
    }

    /** Why the extension refused the request with 400 (it does not say): the Accept header, else the protocol version. */
    private static String badRequest(HttpServerRequest request) {
        String accept = String.join(",", request.headers().getAll("Accept"));
        if ("POST".equals(request.method().name())
                && !(accept.contains("application/json") && accept.contains("text/event-stream"))) {
            // MCP transports, "Sending Messages to the Server": the client MUST accept both
            return "Bad Request: the Accept header must list application/json and text/event-stream";
        }
        String version = request.getHeader("MCP-Protocol-Version");
        if (version != null && !McpMessageHandler.SUPPORTED_PROTOCOL_VERSIONS.contains(version)) {
            // MCP transports, "Protocol Version Header": 400 for an invalid or unsupported version
            return "Bad Request: unsupported MCP-Protocol-Version; supported: "
                    + String.join(", ", McpMessageHandler.SUPPORTED_PROTOCOL_VERSIONS);
        }
        return "Bad Request";
    }

    private String allowed(RoutingContext ctx) {
        McpTransports.Endpoint endpoint = transports.classify(ctx.normalizedPath());
        if (endpoint == McpTransports.Endpoint.LEGACY_SSE) {
            return "GET";
        }
        return endpoint == McpTransports.Endpoint.LEGACY_MESSAGES ? "POST" : "GET, POST, DELETE";
    }
}
