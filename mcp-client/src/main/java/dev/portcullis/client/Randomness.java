package dev.portcullis.client;

import java.security.SecureRandom;
import java.util.Base64;

/** The single source of randomness of the client (state values, PKCE verifiers). */
public final class Randomness {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Randomness() {
    }

    public static SecureRandom secureRandom() {
        return RANDOM;
    }

    /** {@code bytes} random octets, base64url without padding. */
    public static String token(int bytes) {
        byte[] octets = new byte[bytes];
        RANDOM.nextBytes(octets);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(octets);
    }
}
