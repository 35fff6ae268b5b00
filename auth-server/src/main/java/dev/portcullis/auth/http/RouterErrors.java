package dev.portcullis.auth.http;

import dev.portcullis.auth.error.ErrorAnswers;
import dev.portcullis.auth.error.ErrorMappers;
import dev.portcullis.common.oauth.OAuthError;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Requests Vert.x refuses before any resource runs (a query string with a broken percent-escape such as
 * {@code ?a=%zz}, a body over {@code quarkus.http.limits.max-body-size}) get the endpoint's error format too, instead
 * of an empty 400 or 413: the HTML error page on the browser pages, OAuth JSON elsewhere ({@link ErrorAnswers}); one
 * line in the log.
 */
@ApplicationScoped
public class RouterErrors {

    private static final Logger LOG = Logger.getLogger(RouterErrors.class);

    /** First among the failure handlers, before the Quarkus one that would answer with an empty body. */
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            int status = context.statusCode();
            if (status < 0 && context.failure() instanceof HttpException http) {
                status = http.getStatusCode();
            }
            switch (status) {
                case 400 -> answer(context, 400, "The request could not be read");
                case 413 -> answer(context, 413, "The request is too large");
                default -> context.next();
            }
        });
        router.errorHandler(400, context -> answer(context, 400, "The request could not be read"));
        router.errorHandler(413, context -> answer(context, 413, "The request is too large"));
    }

    private static void answer(RoutingContext context, int status, String description) {
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            if (!response.ended()) {
                response.end();
            }
            return;
        }
        String path = context.request().path();
        String cause = context.failure() == null || context.failure().getMessage() == null ? description
                : context.failure().getMessage();
        LOG.infof("Refused a malformed request: %s %s: %s", context.request().method(), ErrorMappers.loggable(path),
                ErrorMappers.loggable(cause));
        response.setStatusCode(status).putHeader("Cache-Control", "no-store");
        if (ErrorAnswers.isBrowserPage(path)) {
            response.putHeader("Content-Type", "text/html;charset=UTF-8").end(ErrorAnswers.page(status, description));
        } else {
            // RFC 6749 §5.2 invalid_request: the request is malformed
            response.putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("error", OAuthError.INVALID_REQUEST).put("error_description", description).encode());
        }
    }
}
