package dev.portcullis.auth.authorize;

import java.util.List;

/** The browser pages (templates/signIn.html, consent.html, error.html), rendered to HTML strings. */
public final class Pages {

    private Pages() {
    }

    /** Form contract: POST /authorize/sign-in with request_id, csrf_token, username, password. */
    public static String signIn(String requestId, String csrfToken, String clientName, String username, String error) {
        return Templates.render("signIn", "requestId", requestId, "csrfToken", csrfToken, "clientName", clientName,
                "username", username, "error", error);
    }

    /** Form contract: POST /authorize/consent with request_id, csrf_token, decision=approve|deny. */
    public static String consent(String requestId, String csrfToken, String clientName, String clientId,
            String clientHost, String username, List<String> scopes, String resource) {
        return Templates.render("consent", "requestId", requestId, "csrfToken", csrfToken, "clientName", clientName,
                "clientId", clientId, "clientHost", clientHost, "username", username, "scopes", scopes,
                "resource", resource);
    }

    public static String error(String message) {
        return Templates.render("error", "message", message);
    }
}
