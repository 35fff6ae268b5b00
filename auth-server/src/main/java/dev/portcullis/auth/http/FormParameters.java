package dev.portcullis.auth.http;

import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/** Reading the parameters of an OAuth form that may appear only once (RFC 6749 §3.2). */
public final class FormParameters {

    private FormParameters() {
    }

    /** The parameter's value, or null when it is absent or empty; a repeated parameter is invalid_request. */
    public static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            // RFC 6749 §3.2: parameters must not be included more than once
            throw OAuthProblem.badRequest(OAuthError.INVALID_REQUEST, "Repeated parameter: " + name);
        }
        String value = values.get(0);
        return value == null || value.isEmpty() ? null : value;
    }
}
