package dev.portcullis.auth.keys;

import dev.portcullis.auth.db.OwnerOnlyFiles;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.AesGcm;
import dev.portcullis.auth.crypto.RandomTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * AES-256-GCM encryption of signing keys at rest: {@code iv (12 octets) || ciphertext+tag}, with the key id as
 * associated data so a ciphertext cannot be moved to another row. The key-encryption key comes from
 * {@code PORTCULLIS_KEY_ENCRYPTION_KEY} (base64, 32 octets); without it one is generated once and kept in a 0600 file.
 */
@ApplicationScoped
public class KeyEncryption {

    private static final Logger LOG = Logger.getLogger(KeyEncryption.class);

    @Inject
    PortcullisConfig config;

    @Inject
    RandomTokens random;

    private volatile SecretKey key;

    public byte[] encrypt(String kid, byte[] plaintext) {
        try {
            return AesGcm.seal(key(), kid.getBytes(StandardCharsets.UTF_8), plaintext, random.secureRandom());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt signing key " + kid, e);
        }
    }

    public byte[] decrypt(String kid, byte[] stored) {
        try {
            return AesGcm.open(key(), kid.getBytes(StandardCharsets.UTF_8), stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt signing key " + kid
                    + ": is PORTCULLIS_KEY_ENCRYPTION_KEY the one it was stored with?", e);
        }
    }

    private SecretKey key() {
        SecretKey current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(load(), "AES");
                }
                current = key;
            }
        }
        return current;
    }

    private byte[] load() {
        if (config.keyEncryptionKey().isPresent()) {
            return decode(config.keyEncryptionKey().get().trim(), "PORTCULLIS_KEY_ENCRYPTION_KEY");
        }
        Path file = keyFile();
        try {
            boolean existed = Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            // created 0600 under a temporary name, fsynced, then linked into place: the first of racing processes wins
            String stored = OwnerOnlyFiles.readOrCreate(file, () -> {
                byte[] generated = new byte[32];
                random.secureRandom().nextBytes(generated);
                return Base64.getEncoder().encodeToString(generated);
            });
            byte[] key = decode(stored.trim(), file.toString());
            if (existed) {
                return key;
            }
            LOG.warnf("No PORTCULLIS_KEY_ENCRYPTION_KEY configured: generated a key-encryption key in %s (mode 0600). "
                    + "Fine for development and demos; in production set PORTCULLIS_KEY_ENCRYPTION_KEY (base64 of 32 random bytes).", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key-encryption key file " + file, e);
        }
    }

    private Path keyFile() {
        if (config.keys().encryptionKeyFile().isPresent()) {
            return Path.of(config.keys().encryptionKeyFile().get());
        }
        Path dataDir = config.dataDir().map(Path::of).orElseGet(() -> {
            String xdg = System.getenv("XDG_DATA_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
            return base.resolve("portcullis").resolve("postgres");
        });
        return dataDir.toAbsolutePath().resolveSibling("key-encryption-key");
    }

    private static byte[] decode(String base64, String source) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64");
        }
        if (decoded.length != 32) {
            throw new IllegalStateException(source + " must be 32 bytes (AES-256), base64-encoded");
        }
        return decoded;
    }
}
