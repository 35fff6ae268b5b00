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

    /** The HTML error page for a request refused with this status. */
    public static String page(int status, String description) {
        if (status >= 500) {
            return Pages.error("Something went wrong on our side. Return to the application and try again.");
        }
        return Pages.error("The request could not be read (" + description + "). Return to the application and try again.");
    }
}
