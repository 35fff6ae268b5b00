package dev.portcullis.mcp.security;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The one writer of error responses on the MCP endpoint's paths: a JSON-RPC 2.0 error object (JSON-RPC 2.0 §5.1)
 * {@code {"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…[,"data":…]}}}, whatever refused the request. OAuth
 * refusals carry their RFC 6750 error code in {@code error.data} ({@code {"error":"invalid_token",…}}), besides the
 * {@code WWW-Authenticate} challenge.
 */
public final class JsonRpcErrors {

    /** JSON-RPC 2.0 §5.1. */
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** Implementation-defined server errors (-32000 to -32099), as the MCP SDKs use them: a transport-level refusal. */
    public static final int TRANSPORT_ERROR = -32000;
    /** Authorization refused, and (as the MCP TypeScript SDK answers it) an unknown session. */
    public static final int SECURITY_ERROR = -32001;
    public static final int SESSION_NOT_FOUND = -32001;

    private JsonRpcErrors() {
    }

    public static JsonObject error(Object id, int code, String message, JsonObject data) {
        JsonObject error = new JsonObject().put("code", code).put("message", message);
        if (data != null) {
            error.put("data", data);
        }
        return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("error", error);
    }

    /** {@code {"error":…,"error_description":…}} (RFC 6750 §3) for {@code error.data}. */
    public static JsonObject oauth(String error, String description) {
        return new JsonObject().put("error", error).put("error_description", description);
    }

    /**
     * The body of a 401 (RFC 6750 §3.1): no error code when no token was sent, {@code invalid_token} when one was
     * refused. Which check failed is not told (it would help an attacker more than a client).
     */
    public static JsonObject unauthorized(boolean tokenSent) {
        return tokenSent
                ? error(null, SECURITY_ERROR, "Unauthorized: the access token is not valid here",
                        oauth("invalid_token", "The access token is missing its audience, expired, or not valid here"))
                : error(null, SECURITY_ERROR, "Unauthorized: an access token is required", null);
    }

    /** Ends the response with the status and a JSON-RPC error whose id is {@code null}. */
    public static void end(RoutingContext ctx, int status, int code, String message) {
        end(ctx, status, error(null, code, message, null));
    }

    public static void end(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body.toBuffer());
    }
}
