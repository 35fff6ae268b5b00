package dev.portcullis.auth.keys;

import dev.portcullis.auth.crypto.RandomTokens;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The token signing keys: loaded from the database at start; a 2048-bit RSA key is generated (at runtime, never
 * in a static initialiser) and stored when none exists, so a restart keeps verifying earlier tokens.
 */
@ApplicationScoped
public class SigningKeys {

    public static final String RS256 = "RS256";
    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    @Inject
    Clock clock;

    @Inject
    RandomTokens random;

    private volatile LoadedKey active;
    private volatile List<LoadedKey> published = List.of();

    /** A key ready to use. */
    public record LoadedKey(String kid, String algorithm, RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        @Override
        public String toString() {
            return "LoadedKey[kid=" + kid + ", algorithm=" + algorithm + "]";
        }
    }

    void onStart(@Observes StartupEvent event) {
        load();
    }

    /** The key new tokens are signed with. */
    public LoadedKey active() {
        if (active == null) {
            load();
        }
        return active;
    }

    /** The keys to publish at the JWKS endpoint: the active one and retired ones still in their overlap. */
    public List<LoadedKey> published() {
        if (active == null) {
            load();
        }
        return published;
    }

    @Transactional
    synchronized void load() {
        if (SigningKey.count("status", SigningKey.ACTIVE) == 0) {
            generate();
        }
        List<LoadedKey> keys = SigningKey.published().stream().map(SigningKeys::decode).toList();
        published = keys;
        active = SigningKey.<SigningKey>find("status = ?1 order by createdAt desc", SigningKey.ACTIVE)
                .firstResultOptional().map(SigningKeys::decode).orElseThrow();
    }

    private void generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random.secureRandom());
            KeyPair pair = generator.generateKeyPair();
            SigningKey key = new SigningKey();
            key.kid = random.next(16);
            key.algorithm = RS256;
            key.publicKey = pair.getPublic().getEncoded();
            key.privateKey = pair.getPrivate().getEncoded();
            key.status = SigningKey.ACTIVE;
            key.createdAt = clock.instant();
            key.persist();
            LOG.infof("Generated a new RS256 signing key, kid %s", key.kid);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    private static LoadedKey decode(SigningKey key) {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(key.publicKey));
            RSAPrivateKey privateKey = (RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(key.privateKey));
            return new LoadedKey(key.kid, key.algorithm, publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored signing key " + key.kid + " cannot be decoded", e);
        }
    }
}
