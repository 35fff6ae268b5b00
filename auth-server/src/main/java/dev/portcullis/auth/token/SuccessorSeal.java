package dev.portcullis.auth.token;

import dev.portcullis.auth.crypto.AesGcm;
import dev.portcullis.auth.crypto.Hashes;
import dev.portcullis.auth.crypto.RandomTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps a rotated refresh token's successor so that the same answer can be given again during the rotation grace
 * period (see {@link RefreshTokenGrant}), without the database ever holding a usable token: the successor is
 * encrypted (AES-256-GCM, the row's token hash as associated data) under a key derived from the rotated token's
 * plaintext (HMAC-SHA-256 keyed by it). The database holds only the rotated token's SHA-256 hash, from which that key
 * cannot be computed; whoever presents the rotated token can open it, which is exactly whom the grace period answers.
 */
@ApplicationScoped
public class SuccessorSeal {

    private static final byte[] LABEL = "portcullis refresh-token successor v1".getBytes(StandardCharsets.US_ASCII);

    @Inject
    RandomTokens random;

    public byte[] seal(String rotated, String successor) {
        try {
            return AesGcm.seal(key(rotated), associatedData(rotated), successor.getBytes(StandardCharsets.US_ASCII),
                    random.secureRandom());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every Java platform", e);
        }
    }

    /** The successor, or empty when the sealed value was not made from this token. */
    public Optional<String> open(String rotated, byte[] sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(AesGcm.open(key(rotated), associatedData(rotated), sealed),
                    StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static byte[] associatedData(String rotated) {
        return Hashes.sha256(rotated).getBytes(StandardCharsets.US_ASCII);
    }

    private static SecretKey key(String rotated) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(rotated.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal(LABEL), "AES");
    }
}
