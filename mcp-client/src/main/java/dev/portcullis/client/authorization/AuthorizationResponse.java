package dev.portcullis.client.authorization;

import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/** The parameters of the redirect back to the client (RFC 6749 §4.1.2, §4.1.2.1; RFC 9207 §2). */
public record AuthorizationResponse(String code, String state, String iss, String error, String errorDescription) {

    /** Parses a raw query string; a repeated parameter makes the whole response invalid (RFC 6749 §3.1). */
    public static AuthorizationResponse fromQuery(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (params.put(name, value) != null) {
                    throw new AuthorizationRequiredException("The authorization response repeats the parameter \""
                            + name + "\"; it was ignored. Sign in again.");
                }
            }
        }
        return new AuthorizationResponse(params.get("code"), params.get("state"), params.get("iss"),
                params.get("error"), params.get("error_description"));
    }

    /**
     * Checks the response before anything acts on it and returns the code: {@code state} must be ours (RFC 6749
     * §10.12); {@code iss} must equal the issuer when present, and must be present when the server advertises
     * {@code authorization_response_iss_parameter_supported} (RFC 9207 §2.4) — this applies to error responses too.
     */
    public String verifiedCode(String expectedState, AuthorizationServerMetadata metadata) {
        if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                expectedState.getBytes(StandardCharsets.UTF_8))) {
            throw new AuthorizationRequiredException("The authorization response does not carry the state of this"
                    + " request (possible cross-site request forgery); it was ignored. Sign in again.");
        }
        if (iss != null && !iss.equals(metadata.issuer())) {
            throw new AuthorizationRequiredException("The authorization response comes from issuer \"" + iss
                    + "\", not \"" + metadata.issuer() + "\" (possible mix-up attack); it was ignored. Sign in again.");
        }
        if (iss == null && metadata.supportsIssParameter()) {
            throw new AuthorizationRequiredException("The authorization response lacks the iss parameter that "
                    + metadata.issuer() + " promises to send; it was ignored. Sign in again.");
        }
        if (error != null) {
            throw new AuthorizationRequiredException("The authorization server answered " + error
                    + (errorDescription == null ? "" : " (" + errorDescription + ")")
                    + ". Sign in again" + ("access_denied".equals(error) ? " and allow access." : "."));
        }
        if (code == null || code.isEmpty()) {
            throw new AuthorizationRequiredException("The authorization response carries no code. Sign in again.");
        }
        return code;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AuthorizationResponse[code=" + (code == null ? null : "***") + ", iss=" + iss + ", error=" + error + "]";
    }
}
