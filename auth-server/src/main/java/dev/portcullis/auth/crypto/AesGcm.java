package dev.portcullis.auth.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM as stored here: {@code iv (12 random octets) || ciphertext+tag (128 bits)}, with associated data that binds a
 * ciphertext to its row. The JDK's cipher does the cryptography; this only fixes the layout in one place.
 */
public final class AesGcm {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private AesGcm() {
    }

    public static byte[] seal(SecretKey key, byte[] associatedData, byte[] plaintext, SecureRandom random)
            throws GeneralSecurityException {
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(associatedData);
        byte[] sealed = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(IV_LENGTH + sealed.length).put(iv).put(sealed).array();
    }

    /** The plaintext; throws (AEADBadTagException and the like) when the key, data or ciphertext do not match. */
    public static byte[] open(SecretKey key, byte[] associatedData, byte[] stored) throws GeneralSecurityException {
        if (stored.length < IV_LENGTH + TAG_BITS / 8) {
            throw new GeneralSecurityException("ciphertext too short");
        }
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_LENGTH));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(stored, IV_LENGTH, stored.length - IV_LENGTH);
    }
}
