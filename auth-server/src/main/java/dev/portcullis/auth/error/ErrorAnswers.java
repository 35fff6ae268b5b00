package dev.portcullis.auth.error;

import dev.portcullis.auth.authorize.Pages;
import dev.portcullis.auth.web.BrowserPaths;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one rule for the format of an error answer: the browser pages ({@link BrowserPaths}) answer with the HTML error
 * page, every other endpoint with an OAuth JSON error body (RFC 6749 §5.2).
 */
public final class ErrorAnswers {

    private ErrorAnswers() {
    }

    /** Whether the path (as the request named it, e.g. {@code /authorize/consent}) is a browser page. */
    public static boolean isBrowserPage(String path) {
        return BrowserPaths.isBrowserPage(path);
    }

    /** The HTML error page's text for a browser page; the OAuth error and description elsewhere. */
    public static Response of(String path, int status, String error, String description) {
        if (isBrowserPage(path)) {
            return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .header("Cache-Control", "no-store")
                    .entity(page(status, description)).build();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .entity(OAuthError.of(error, description)).build();
    }

    /**
     * 503 with {@code Retry-After}: the database cannot be reached for now ({@link
     * dev.portcullis.auth.db.DatabaseOutage}). OAuth error {@code temporarily_unavailable} (RFC 6749 §4.1.2.1, as at
     * the token endpoint by common practice); on a browser page an error page saying to try again shortly.
     */
    public static Response unavailable(String path, long retryAfterSeconds) {
        String description = "The service is temporarily unavailable; try again in a few seconds";
        Response.ResponseBuilder answer = isBrowserPage(path)
                ? Response.status(503).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .entity(Pages.error("The service is temporarily unavailable. Wait a few seconds, then reload"
                                + " this page or return to the application and try again."))
                : Response.status(503).type(MediaType.APPLICATION_JSON)
                        .entity(OAuthError.of(OAuthError.TEMPORARILY_UNAVAILABLE, description));
        return answer.header("Cache-Control", "no-store")
                // RFC 9110 §10.2.3
                .header("Retry-After", Long.toString(retryAfterSeconds)).build();
    }

    /** The HTML error page for a request refused with this status. */
    public static String page(int status, String description) {
        if (status >= 500) {
            return Pages.error("Something went wrong on our side. Return to the application and try again.");
        }
        return Pages.error("The request could not be read (" + description + "). Return to the application and try again.");
    }
}
