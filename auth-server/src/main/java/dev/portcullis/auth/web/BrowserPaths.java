package dev.portcullis.auth.web;

import java.util.List;

/**
 * Where the browser pages live: the authorization endpoint with its sign-in and consent forms, and the account pages.
 * These paths get the page security headers ({@link SecurityHeaders}), refuse cross-site form posts
 * ({@link CrossSiteForms}) and never answer CORS ({@link Cors}).
 */
public final class BrowserPaths {

    static final List<String> PREFIXES = List.of("/authorize", "/account");

    private BrowserPaths() {
    }

    /** True for {@code /authorize}, {@code /authorize/…}, {@code /account} and {@code /account/…}. */
    public static boolean isBrowserPage(String path) {
        if (path == null) {
            return false;
        }
        for (String prefix : PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
