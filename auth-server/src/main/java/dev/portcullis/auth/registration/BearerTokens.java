package dev.portcullis.auth.registration;

import java.util.Locale;

/** Reads {@code Authorization: Bearer <token>} (RFC 6750 §2.1). */
final class BearerTokens {

    private BearerTokens() {
    }

    /** The token, or null when the header is absent or not a Bearer credential. */
    static String parse(String authorization) {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        String token = authorization.substring(space + 1).trim();
        return token.isEmpty() || token.length() > 512 ? null : token;
    }
}
