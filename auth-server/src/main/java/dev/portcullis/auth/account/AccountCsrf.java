package dev.portcullis.auth.account;

import dev.portcullis.auth.crypto.Hashes;

/**
 * CSRF tokens of the account pages. Signed in: derived from the session cookie value (HttpOnly, so a cross-site page
 * cannot compute it). Before sign-in: a double-submit cookie ({@value #LOGIN_COOKIE}) against login CSRF.
 */
final class AccountCsrf {

    static final String LOGIN_COOKIE = "portcullis_login_csrf";

    private AccountCsrf() {
    }

    static String forSession(String sessionCookie) {
        return Hashes.sha256("account-csrf:" + sessionCookie);
    }

    static boolean validForSession(String sessionCookie, String presented) {
        return sessionCookie != null && Hashes.constantTimeEquals(forSession(sessionCookie), presented);
    }
}
