package dev.portcullis.auth.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.portcullis.auth.authorize.Pages;
import dev.portcullis.auth.db.DatabaseOutage;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns exceptions into OAuth JSON errors or HTML error pages; never a stack trace on the wire. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response oauth(OAuthProblem problem) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .entity(problem.body());
        if (problem.status() == 401 && OAuthError.INVALID_TOKEN.equals(problem.error())) {
            // RFC 6750 §3: a Bearer token (initial or registration access token) was missing or invalid
            response.header("WWW-Authenticate", "Bearer realm=\"portcullis\", error=\"invalid_token\"");
        } else if (problem.status() == 401) {
            // RFC 6749 §5.2: a 401 invalid_client carries a WWW-Authenticate challenge.
            response.header("WWW-Authenticate", "Basic realm=\"portcullis\"");
        }
        if (problem.retryAfterSeconds() > 0) {
            // RFC 6585 §4 / RFC 9110 §10.2.3: when to try again after a 429
            response.header("Retry-After", Long.toString(problem.retryAfterSeconds()));
        }
        return response.build();
    }

    /** Input refused at the edge: one line in the log, no stack trace; the endpoint's own error format. */
    @ServerExceptionMapper
    public Response malformed(MalformedRequest problem, HttpServerRequest http) {
        LOG.infof("Refused a malformed request: %s %s: %s", http.method(), loggable(http.path()), problem.getMessage());
        return ErrorAnswers.of(http.path(), problem.status(), problem.error(), problem.getMessage());
    }

    /** A request path for the log: control characters and anything beyond 200 characters left out. */
    public static String loggable(String path) {
        if (path == null) {
            return "";
        }
        String shown = path.length() > 200 ? path.substring(0, 200) + "…" : path;
        return shown.replaceAll("[\\p{Cntrl}]", "?");
    }

    @ServerExceptionMapper
    public Response page(PageProblem problem) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Pages.error(problem.getMessage()));
        if (problem.retryAfterSeconds() > 0) {
            // RFC 6585 §4 / RFC 9110 §10.2.3: when to try again after a 429 or 503
            response.header("Retry-After", Long.toString(problem.retryAfterSeconds()));
        }
        return response.build();
    }

    /** Malformed JSON anywhere: RFC 6749 §5.2 invalid_request (the registration endpoint maps its own). */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(OAuthError.of(OAuthError.INVALID_REQUEST, "The request body is not valid JSON")).build();
    }

    /** JAX-RS' own answers (404, 405, 415, 413, …) keep their status, with the endpoint's error format. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest http) {
        return webError(e, http.path());
    }

    public static Response webError(WebApplicationException e, String path) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf("Request failed with status %d: %s", status, e.getClass().getName());
            return serverError(path);
        }
        return ErrorAnswers.of(path, status, OAuthError.INVALID_REQUEST, e.getResponse().getStatusInfo().getReasonPhrase());
    }

    /** Anything unexpected: RFC 6749 §5.2/§4.1.2.1 server_error. The message is logged, never echoed. */
    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest http) {
        if (clientWentAway(e)) {
            // Not a failure of ours: the client closed the connection while its request body was being read
            LOG.debugf("The client closed the connection before its request was read: %s", e.getMessage());
            return Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(OAuthError.of(OAuthError.INVALID_REQUEST, "The request was not received in full")).build();
        }
        String path = http == null ? null : http.path();
        if (DatabaseOutage.isOutage(e)) {
            // A temporary condition, not a bug: one line, no stack trace (the pool recovers by itself)
            LOG.warnf("Database unavailable, answered 503: %s %s: %s", http == null ? "" : http.method(),
                    loggable(path), DatabaseOutage.describe(e));
            return ErrorAnswers.unavailable(path, DatabaseOutage.RETRY_AFTER_SECONDS);
        }
        LOG.error("Unexpected failure", e);
        return serverError(path);
    }

    static boolean clientWentAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof io.vertx.core.http.HttpClosedException
                    || cause instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    private static Response serverError(String path) {
        return ErrorAnswers.of(path, 500, OAuthError.SERVER_ERROR, "The server could not complete the request");
    }
}
