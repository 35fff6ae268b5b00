package dev.portcullis.common.oauth;

import java.util.Locale;

/**
 * Reads {@code Authorization: Bearer <token>} (RFC 6750 §2.1): the scheme name is case-insensitive (RFC 9110 §11.1),
 * one space separates it from the credential, and the credential is kept as sent, trimmed. Written by hand because
 * the rule is these few lines and each side needs it without a web framework's security layer.
 */
public final class BearerAuthorization {

    private BearerAuthorization() {
    }

    /** The token, or null when the header is absent, not a Bearer credential or empty. */
    public static String token(String authorization) {
        return token(authorization, Integer.MAX_VALUE);
    }

    /** As {@link #token(String)}, and null for a token longer than {@code maxLength}, refused unread. */
    public static String token(String authorization, int maxLength) {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        String token = authorization.substring(space + 1).trim();
        return token.isEmpty() || token.length() > maxLength ? null : token;
    }

    /** The header value for a token. */
    public static String header(String token) {
        return "Bearer " + token;
    }
}
