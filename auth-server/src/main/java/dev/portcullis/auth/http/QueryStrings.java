package dev.portcullis.auth.http;

import dev.portcullis.auth.error.ErrorAnswers;
import dev.portcullis.auth.error.ErrorMappers;
import dev.portcullis.auth.error.MalformedRequest;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Query strings are checked on every route before anything decodes them, by the same strict rule as form bodies
 * ({@link UrlEncoded}); a refusal gets the endpoint's error format (the HTML error page on the browser pages, OAuth
 * JSON elsewhere, {@link ErrorAnswers}) and one line in the log. (An escape that is not even hexadecimal, such as
 * {@code ?a=%zz}, is refused by Vert.x before this filter runs, with an empty 400.)
 */
@ApplicationScoped
public class QueryStrings {

    private static final Logger LOG = Logger.getLogger(QueryStrings.class);

    @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size")
    MemorySize maxValue;

    /** A route filter for every route (Vert.x's own decoder lets NUL through and turns invalid UTF-8 into U+FFFD). */
    void checkQueries(@Observes Filters filters) {
        filters.register(context -> {
            String query = context.request().query();
            if (query != null) {
                try {
                    UrlEncoded.parse(query.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, "query string",
                            (int) Math.min(Integer.MAX_VALUE, maxValue.asLongValue()));
                } catch (MalformedRequest refused) {
                    answer(context, refused);
                    return;
                }
            }
            context.next();
        }, 10_000);
    }

    private static void answer(RoutingContext context, MalformedRequest refused) {
        String path = context.request().path();
        LOG.infof("Refused a malformed request: %s %s: %s", context.request().method(), ErrorMappers.loggable(path),
                refused.getMessage());
        HttpServerResponse response = context.response().setStatusCode(refused.status()).putHeader("Cache-Control", "no-store");
        if (ErrorAnswers.isBrowserPage(path)) {
            response.putHeader("Content-Type", "text/html;charset=UTF-8").end(ErrorAnswers.page(refused.status(), refused.getMessage()));
        } else {
            // RFC 6749 §5.2 invalid_request: the request is malformed
            response.putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("error", refused.error()).put("error_description", refused.getMessage()).encode());
        }
    }
}
