package dev.portcullis.auth.token;

import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;

/** The token endpoint's form parameters (RFC 6749 §4.1.3, §6; RFC 7636 §4.5; RFC 8707 §2.2), parsed at the edge. */
public record TokenRequest(String grantType, String clientId, String code, String redirectUri, String codeVerifier,
        String refreshToken, String scope, String resource) {

    public static TokenRequest parse(MultivaluedMap<String, String> form) {
        for (Map.Entry<String, List<String>> param : form.entrySet()) {
            if (param.getValue().size() > 1) {
                // RFC 6749 §3.2: parameters must not be included more than once
                String error = param.getKey().equals("resource") ? OAuthError.INVALID_TARGET : OAuthError.INVALID_REQUEST;
                throw OAuthProblem.badRequest(error, "Repeated parameter: " + param.getKey());
            }
        }
        return new TokenRequest(value(form, "grant_type"), value(form, "client_id"), value(form, "code"),
                value(form, "redirect_uri"), value(form, "code_verifier"), value(form, "refresh_token"),
                value(form, "scope"), value(form, "resource"));
    }

    /** The value, or fails with invalid_request (RFC 6749 §5.2) when missing. */
    public static String required(String value, String name) {
        if (value == null) {
            throw OAuthProblem.badRequest(OAuthError.INVALID_REQUEST, name + " is required");
        }
        return value;
    }

    private static String value(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", clientId=" + clientId + ", scope=" + scope
                + ", resource=" + resource + "]";
    }
}
