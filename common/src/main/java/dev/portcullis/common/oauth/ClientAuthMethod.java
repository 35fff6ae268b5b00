package dev.portcullis.common.oauth;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Token endpoint client authentication methods (RFC 6749 §2.3, RFC 7591 §2, RFC 7523 §2.2), by their wire names
 * ({@code token_endpoint_auth_method}).
 */
public enum ClientAuthMethod {
    /** A public client: it sends only its {@code client_id} (RFC 6749 §2.1). */
    NONE("none"),
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post"),
    PRIVATE_KEY_JWT("private_key_jwt");

    private final String wire;

    ClientAuthMethod(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The method with this wire name, if it is one of ours. */
    public static Optional<ClientAuthMethod> of(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(wire)).findFirst();
    }

    /** All wire names, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ClientAuthMethod::wire).toList();
    }

    @Override
    public String toString() {
        return wire;
    }
}
