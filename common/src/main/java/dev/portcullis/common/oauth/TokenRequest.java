package dev.portcullis.common.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The token endpoint's form parameters (RFC 6749 §4.1.3, §4.4.2, §6; RFC 7636 §4.5; RFC 8707 §2.2), read by the
 * server with {@link #fromForm} and written by the client with {@link #toForm()}. Client authentication parameters,
 * {@code client_id} included, are not part of it: they belong to the client's authentication method (RFC 6749 §2.3).
 * {@code grantType} stays a string because the server must answer an unknown one (RFC 6749 §5.2).
 */
public record TokenRequest(String grantType, String code, String redirectUri, String codeVerifier,
        String refreshToken, String scope, String resource) {

    public static TokenRequest authorizationCode(String code, String redirectUri, String codeVerifier, String resource) {
        return new TokenRequest(GrantType.AUTHORIZATION_CODE.wire(), code, redirectUri, codeVerifier, null, null, resource);
    }

    public static TokenRequest refresh(String refreshToken, String resource) {
        return new TokenRequest(GrantType.REFRESH_TOKEN.wire(), null, null, null, refreshToken, null, resource);
    }

    public static TokenRequest clientCredentials(String scope, String resource) {
        return new TokenRequest(GrantType.CLIENT_CREDENTIALS.wire(), null, null, null, null, scope, resource);
    }

    /**
     * The first parameter sent more than once, if any: RFC 6749 §3.2 forbids repeats, and a server must refuse the
     * request before reading it (see {@link #fromForm}).
     */
    public static Optional<String> repeatedParameter(Map<String, ? extends List<String>> form) {
        return form.entrySet().stream().filter(e -> e.getValue() != null && e.getValue().size() > 1)
                .map(Map.Entry::getKey).findFirst();
    }

    /**
     * Reads a decoded form; an empty value counts as absent (RFC 6749 §3.1). Call {@link #repeatedParameter} first:
     * this takes the first value of each parameter.
     */
    public static TokenRequest fromForm(Map<String, ? extends List<String>> form) {
        return new TokenRequest(first(form, "grant_type"), first(form, "code"),
                first(form, "redirect_uri"), first(form, "code_verifier"), first(form, "refresh_token"),
                first(form, "scope"), first(form, "resource"));
    }

    /** The parameters in the order the grants define them, absent ones left out; the map may be added to. */
    public Map<String, String> toForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", grantType);
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", codeVerifier);
        form.put("refresh_token", refreshToken);
        form.put("scope", scope);
        form.put("resource", resource);
        form.values().removeIf(v -> v == null);
        return form;
    }

    /** A form as {@code application/x-www-form-urlencoded} (HTML Living Standard §4.10.21.8); null values left out. */
    public static String encode(Map<String, String> form) {
        StringJoiner out = new StringJoiner("&");
        form.forEach((name, value) -> {
            if (value != null) {
                out.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    private static String first(Map<String, ? extends List<String>> form, String name) {
        List<String> values = form.get(name);
        String value = values == null || values.isEmpty() ? null : values.get(0);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Codes, verifiers and refresh tokens are credentials: never in logs. */
    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", scope=" + scope
                + ", resource=" + resource + "]";
    }
}
