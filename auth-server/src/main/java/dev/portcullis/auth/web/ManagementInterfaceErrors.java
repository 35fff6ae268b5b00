package dev.portcullis.auth.web;

import io.quarkus.vertx.http.ManagementInterface;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The management interface (port 9001: {@code /q/metrics}) answers an unknown path with the same OAuth-style JSON
 * 404 as the main port, instead of Vert.x' HTML page.
 */
@ApplicationScoped
public class ManagementInterfaceErrors {

    private static final String NOT_FOUND = "{\"error\":\"invalid_request\",\"error_description\":\"Not Found\"}";

    void register(@Observes ManagementInterface management) {
        management.router().errorHandler(404, context -> context.response().setStatusCode(404)
                .putHeader("Content-Type", "application/json").end(NOT_FOUND));
    }
}
