package dev.portcullis.common.oauth;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The grant types Portcullis speaks at the token endpoint (OAuth 2.1 §4), by their wire names ({@code grant_type}). */
public enum GrantType {
    AUTHORIZATION_CODE("authorization_code"),
    REFRESH_TOKEN("refresh_token"),
    CLIENT_CREDENTIALS("client_credentials");

    private final String wire;

    GrantType(String wire) {
        this.wire = wire;
    }

    /** The name on the wire, as in {@code grant_type} and {@code grant_types_supported}. */
    public String wire() {
        return wire;
    }

    /** The grant type with this wire name, if it is one of ours (case-sensitive, RFC 6749 §3.1). */
    public static Optional<GrantType> of(String wire) {
        return Arrays.stream(values()).filter(g -> g.wire.equals(wire)).findFirst();
    }

    /** All wire names, in declaration order (as {@code grant_types_supported} lists them). */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(GrantType::wire).toList();
    }

    @Override
    public String toString() {
        return wire;
    }
}
