package dev.portcullis.auth.authorize;

import dev.portcullis.auth.config.PortcullisConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Redirects back to a validated redirect URI with the authorization response (OAuth 2.1 §4.1.2, §4.1.2.1), always
 * carrying {@code iss} (RFC 9207 §2) and {@code state} when the client sent one. Never call with an unvalidated URI.
 */
@ApplicationScoped
public class AuthorizationResponses {

    @Inject
    PortcullisConfig config;

    @Inject
    AuthorizationCodes codes;

    /** Issues a code for the request, its user known, and answers the client with it (OAuth 2.1 §4.1.2). */
    public Response code(Response.Status status, PendingRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", codes.issue(request));
        params.put("state", request.state);
        params.put("iss", config.issuer());
        return Response.status(status).location(redirectUri(request.redirectUri, params)).build();
    }

    public Response error(Response.Status status, String redirectUri, String error, String description, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        params.put("state", state);
        params.put("iss", config.issuer());
        return Response.status(status).location(redirectUri(redirectUri, params)).build();
    }

    /** Appends the parameters (null values skipped) to the URI's query, each form-urlencoded. */
    static URI redirectUri(String base, Map<String, String> params) {
        StringBuilder uri = new StringBuilder(base);
        char separator = base.indexOf('?') >= 0 ? '&' : '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (param.getValue() == null) {
                continue;
            }
            uri.append(separator).append(encode(param.getKey())).append('=').append(encode(param.getValue()));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
