package dev.portcullis.client.registration;

import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import java.util.List;

/**
 * Token endpoint authentication methods (RFC 6749 §2.3, RFC 7591 §2, RFC 7523 §2.2) and how this client picks one from
 * the authorization server's {@code token_endpoint_auth_methods_supported} (absent means {@code client_secret_basic},
 * RFC 8414 §2).
 */
public final class AuthMethods {

    public static final String NONE = "none";
    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    public static final String CLIENT_SECRET_POST = "client_secret_post";
    public static final String PRIVATE_KEY_JWT = "private_key_jwt";

    private AuthMethods() {
    }

    public static boolean supports(AuthorizationServerMetadata metadata, String method) {
        List<String> supported = metadata.tokenEndpointAuthMethodsSupported();
        return supported == null ? CLIENT_SECRET_BASIC.equals(method) : supported.contains(method);
    }

    /** What to ask for in a registration: public if allowed, else a secret sent as the server prefers. */
    static String forRegistration(AuthorizationServerMetadata metadata) {
        List<String> supported = metadata.tokenEndpointAuthMethodsSupported();
        if (supported == null || supported.isEmpty() || supported.contains(NONE)) {
            return NONE;
        }
        return forSecret(metadata);
    }

    /** Basic when the server supports it (or says nothing), else post. */
    static String forSecret(AuthorizationServerMetadata metadata) {
        if (supports(metadata, CLIENT_SECRET_BASIC) || !supports(metadata, CLIENT_SECRET_POST)) {
            return CLIENT_SECRET_BASIC;
        }
        return CLIENT_SECRET_POST;
    }

    static String forPreRegistered(AuthorizationServerMetadata metadata, PreRegisteredClient client) {
        if (client.key() != null) {
            return PRIVATE_KEY_JWT;
        }
        if (client.clientSecret() != null) {
            return forSecret(metadata);
        }
        return NONE;
    }
}
