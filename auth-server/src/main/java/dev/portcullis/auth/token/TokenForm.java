package dev.portcullis.auth.token;

import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.TokenRequest;
import jakarta.ws.rs.core.MultivaluedMap;

/** The server's rules for reading a {@link TokenRequest} at the edge: repeats refused, missing values named. */
final class TokenForm {

    private TokenForm() {
    }

    static TokenRequest parse(MultivaluedMap<String, String> form) {
        TokenRequest.repeatedParameter(form).ifPresent(name -> {
            // RFC 6749 §3.2: parameters must not be included more than once; RFC 8707 §2: invalid_target for resource
            String error = name.equals("resource") ? OAuthError.INVALID_TARGET : OAuthError.INVALID_REQUEST;
            throw OAuthProblem.badRequest(error, "Repeated parameter: " + name);
        });
        return TokenRequest.fromForm(form);
    }

    /** The value, or fails with invalid_request (RFC 6749 §5.2) when missing. */
    static String required(String value, String name) {
        if (value == null) {
            throw OAuthProblem.badRequest(OAuthError.INVALID_REQUEST, name + " is required");
        }
        return value;
    }
}
