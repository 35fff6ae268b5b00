package dev.portcullis.auth.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;

/** The one source of randomness: opaque identifiers, codes, tokens and key generation. */
@ApplicationScoped
public class RandomTokens {

    private final SecureRandom random = new SecureRandom();

    /** 32 random octets, base64url without padding (43 characters, 256 bits). */
    public String next() {
        return next(32);
    }

    public String next(int octets) {
        byte[] bytes = new byte[octets];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public SecureRandom secureRandom() {
        return random;
    }
}
