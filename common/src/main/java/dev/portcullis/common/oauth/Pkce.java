package dev.portcullis.common.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Proof Key for Code Exchange (RFC 7636), S256 only: OAuth 2.1 and MCP refuse {@code plain}. */
public final class Pkce {

    public static final String METHOD_S256 = "S256";

    /** RFC 7636 §4.1: 43 to 128 characters from the unreserved set. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
    /** A base64url SHA-256 digest without padding is always 43 characters. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9\\-_]{43}");

    private Pkce() {
    }

    /** A verifier of 32 random octets, base64url-encoded (43 characters), as RFC 7636 §4.1 recommends. */
    public static String newVerifier(SecureRandom random) {
        byte[] octets = new byte[32];
        random.nextBytes(octets);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(octets);
    }

    /** code_challenge = BASE64URL(SHA256(ASCII(code_verifier))) (RFC 7636 §4.2). */
    public static String challengeS256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    public static boolean isValidVerifier(String verifier) {
        return verifier != null && VERIFIER.matcher(verifier).matches();
    }

    public static boolean isValidChallenge(String challenge) {
        return challenge != null && CHALLENGE.matcher(challenge).matches();
    }

    /** Constant-time check that the verifier hashes to the challenge (RFC 7636 §4.6). */
    public static boolean verify(String verifier, String challenge) {
        if (!isValidVerifier(verifier) || challenge == null) {
            return false;
        }
        return MessageDigest.isEqual(challengeS256(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
