package dev.portcullis.client.registration;

import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import dev.portcullis.common.oauth.ClientAuthMethod;
import java.util.List;

/**
 * Token endpoint authentication methods (RFC 6749 §2.3, RFC 7591 §2, RFC 7523 §2.2) and how this client picks one from
 * the authorization server's {@code token_endpoint_auth_methods_supported} (absent means {@code client_secret_basic},
 * RFC 8414 §2).
 */
public final class AuthMethods {

    public static final String NONE = ClientAuthMethod.NONE.wire();
    public static final String CLIENT_SECRET_BASIC = ClientAuthMethod.CLIENT_SECRET_BASIC.wire();
    public static final String CLIENT_SECRET_POST = ClientAuthMethod.CLIENT_SECRET_POST.wire();
    public static final String PRIVATE_KEY_JWT = ClientAuthMethod.PRIVATE_KEY_JWT.wire();

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
