package dev.portcullis.auth.client;

import dev.portcullis.auth.error.MalformedRequest;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.auth.http.FormParameters;
import dev.portcullis.auth.http.Text;
import dev.portcullis.common.oauth.ClientAuthMethod;
import dev.portcullis.common.oauth.OAuthError;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * How a client presented itself at the token, revocation or introspection endpoint, parsed at the edge: exactly
 * one method (RFC 6749 §2.3: a client must not use more than one). Secrets never appear in {@link #toString()}.
 *
 * @param method one of {@link Client#AUTH_METHODS}
 * @param clientId the claimed client id (for {@code private_key_jwt} possibly null: the assertion names it)
 * @param secret the client secret for the two secret methods, else null
 * @param assertion the JWT for {@code private_key_jwt}, else null
 */
public record ClientCredentials(String method, String clientId, String secret, String assertion) {

    /** RFC 7523 §2.2. */
    public static final String JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static ClientCredentials parse(MultivaluedMap<String, String> form, String authorization) {
        String formClientId = FormParameters.single(form, "client_id");
        String formSecret = FormParameters.single(form, "client_secret");
        String assertionType = FormParameters.single(form, "client_assertion_type");
        String assertion = FormParameters.single(form, "client_assertion");
        List<ClientCredentials> presented = new ArrayList<>();
        if (authorization != null && !authorization.isBlank()) {
            presented.add(basic(authorization, formClientId));
        }
        if (formSecret != null) {
            presented.add(new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_POST.wire(), formClientId, formSecret, null));
        }
        if (assertionType != null || assertion != null) {
            if (!JWT_BEARER_ASSERTION.equals(assertionType) || assertion == null) {
                // RFC 7521 §4.2 / RFC 7523 §3.2: unsupported or incomplete assertion
                throw new OAuthProblem(401, OAuthError.INVALID_CLIENT, "Unsupported client_assertion_type or missing client_assertion");
            }
            presented.add(new ClientCredentials(ClientAuthMethod.PRIVATE_KEY_JWT.wire(), formClientId, null, assertion));
        }
        if (presented.size() > 1) {
            // RFC 6749 §2.3 / §5.2 invalid_request: more than one authentication method
            throw OAuthProblem.badRequest(OAuthError.INVALID_REQUEST, "Use exactly one client authentication method");
        }
        if (presented.isEmpty()) {
            if (formClientId == null) {
                // RFC 6749 §5.2 invalid_client: the client did not identify itself (OAuth 2.1 §3.2.1)
                throw new OAuthProblem(401, OAuthError.INVALID_CLIENT, "client_id is required");
            }
            return new ClientCredentials(ClientAuthMethod.NONE.wire(), formClientId, null, null);
        }
        return presented.get(0);
    }

    /** RFC 6749 §2.3.1: {@code Basic base64(urlencode(id) ":" urlencode(secret))}. */
    private static ClientCredentials basic(String authorization, String formClientId) {
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            // RFC 6749 §5.2 invalid_client: unsupported authentication scheme
            throw new OAuthProblem(401, OAuthError.INVALID_CLIENT, "Unsupported client authentication method");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(space + 1).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // RFC 6749 §5.2 invalid_client: malformed credentials
            throw new OAuthProblem(401, OAuthError.INVALID_CLIENT, "Malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new OAuthProblem(401, OAuthError.INVALID_CLIENT, "Malformed Basic credentials");
        }
        String id;
        String secret;
        try {
            id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OAuthProblem(401, OAuthError.INVALID_CLIENT, "Malformed Basic credentials");
        }
        if (!Text.isAcceptable(id) || !Text.isAcceptable(secret)) {
            // RFC 6749 §5.2 invalid_request: otherwise malformed (the edge checks every other parameter the same way)
            throw new MalformedRequest("The Basic credentials contain a control character");
        }
        if (formClientId != null && !formClientId.equals(id)) {
            // RFC 6749 §5.2 invalid_request: two different client ids
            throw OAuthProblem.badRequest(OAuthError.INVALID_REQUEST, "client_id differs from the authenticated client");
        }
        return new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC.wire(), id, secret, null);
    }

    @Override
    public String toString() {
        return "ClientCredentials[method=" + method + ", clientId=" + clientId + "]";
    }
}
