package dev.portcullis.auth.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * Security headers for every HTML page, set in one place: whatever produced the page (a resource, an exception
 * mapper's error page, a 404) and however its media type was chosen, the headers are added when the response headers
 * are written, from the final {@code Content-Type}. Redirects from the browser paths get them too (a code travels in
 * their {@code Location}).
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: nothing but the page itself and its inline style (the pages have no script),
 *       no framing (clickjacking of sign-in and consent), no {@code <base>}. There is no {@code form-action}: browsers
 *       apply it to the redirect that follows the consent form, which goes to the client's redirect URI.</li>
 *   <li>{@code X-Frame-Options: DENY} for browsers without {@code frame-ancestors}.</li>
 *   <li>{@code Cache-Control: no-store}: pages carry CSRF tokens and personal data.</li>
 *   <li>{@code Referrer-Policy: same-origin}: request parameters never leak to another site. Not {@code no-referrer}:
 *       under it browsers send {@code Origin: null} with a form post, which {@link CrossSiteForms} must refuse.</li>
 *   <li>{@code X-Content-Type-Options: nosniff}.</li>
 * </ul>
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "base-uri 'none'; frame-ancestors 'none'";

    /** Early, so the handler is in place whichever route answers. */
    private static final int PRIORITY = 1000;

    void register(@Observes Filters filters) {
        filters.register(SecurityHeaders::onHeaders, PRIORITY);
    }

    private static void onHeaders(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            if (isHtml(headers.get("Content-Type")) || BrowserPaths.isBrowserPage(context.request().path())) {
                apply(headers);
            }
        });
        context.next();
    }

    static boolean isHtml(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("text/html");
    }

    static void apply(MultiMap headers) {
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Frame-Options", "DENY");
        headers.set("Cache-Control", "no-store");
        headers.set("Referrer-Policy", "same-origin");
        headers.set("X-Content-Type-Options", "nosniff");
    }
}
