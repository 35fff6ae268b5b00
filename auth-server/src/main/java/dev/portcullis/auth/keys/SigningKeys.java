package dev.portcullis.auth.keys;

import dev.portcullis.auth.db.DatabaseOutage;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.crypto.RandomTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The token signing keys, kept in PostgreSQL with private parts encrypted ({@link KeyEncryption}). Rotation runs on a
 * schedule under a transaction-scoped advisory lock, so that several replicas agree on one active key: when the
 * active key is older than {@code portcullis.keys.rotation-period} (or of another algorithm than configured), a new
 * one becomes active and the previous one is retired but stays published until the tokens it signed have expired.
 * Every replica reloads the keys each minute. Signing uses the in-memory copy: no database access per token.
 */
@ApplicationScoped
public class SigningKeys {

    public static final String RS256 = "RS256";
    public static final Set<String> ALGORITHMS = Set.of(RS256, "ES256", "EdDSA");
    /** Arbitrary constant naming the advisory lock that serialises key management across replicas. */
    private static final long LOCK_ID = 0x706f7274_6b657973L;
    /** Extra time a retired key stays published beyond the access token lifetime (clock skew, caches). */
    private static final Duration OVERLAP_MARGIN = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    @Inject
    PortcullisConfig config;

    @Inject
    Clock clock;

    @Inject
    RandomTokens random;

    @Inject
    KeyEncryption encryption;

    @Inject
    EntityManager entityManager;

    @Inject
    SignatureProviders signatureProviders;

    private volatile LoadedKey active;
    private volatile List<LoadedKey> published = List.of();

    /**
     * A key ready to use. {@code signatureProvider} is the JCA provider the private key belongs to, empty for the
     * JDK's default providers.
     */
    public record LoadedKey(String kid, String algorithm, PublicKey publicKey, PrivateKey privateKey,
            Optional<Provider> signatureProvider) {
        @Override
        public String toString() {
            return "LoadedKey[kid=" + kid + ", algorithm=" + algorithm + "]";
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (!ALGORITHMS.contains(config.keys().algorithm())) {
            throw new IllegalStateException("portcullis.keys.algorithm must be one of " + ALGORITHMS);
        }
        rotateIfDue();
    }

    /** The key new tokens are signed with. */
    public LoadedKey active() {
        LoadedKey key = active;
        if (key == null) {
            rotateIfDue();
            key = active;
        }
        return key;
    }

    /** The keys to publish at the JWKS endpoint: the active one and retired ones still in their overlap. */
    public List<LoadedKey> published() {
        if (active == null) {
            rotateIfDue();
        }
        return published;
    }

    /** Every minute: rotate when due (one replica does it, under the advisory lock), then reload. */
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRotation() {
        DatabaseOutage.skipWhileDown("Signing key rotation", this::rotateIfDue);
    }

    public synchronized void rotateIfDue() {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?1)").setParameter(1, LOCK_ID).getSingleResult();
            Instant now = clock.instant();
            SigningKey current = SigningKey.<SigningKey>find("status = ?1 order by createdAt desc", SigningKey.ACTIVE)
                    .firstResultOptional().orElse(null);
            boolean due = current == null || !current.algorithm.equals(config.keys().algorithm())
                    || !current.createdAt.plus(config.keys().rotationPeriod()).isAfter(now);
            if (due) {
                SigningKey.update("status = ?1, retiredAt = ?2 where status = ?3", SigningKey.RETIRED, now, SigningKey.ACTIVE);
                generate(now);
            }
            Instant overlapEnd = now.minus(config.token().accessLifetime()).minus(OVERLAP_MARGIN);
            SigningKey.update("status = ?1 where status = ?2 and retiredAt < ?3", SigningKey.EXPIRED, SigningKey.RETIRED, overlapEnd);
            for (SigningKey key : SigningKey.<SigningKey>list("encrypted = false")) {
                key.privateKey = encryption.encrypt(key.kid, key.privateKey); // keys stored before V2
                key.encrypted = true;
            }
            List<LoadedKey> keys = SigningKey.published().stream().map(this::decode).toList();
            published = keys;
            active = keys.stream().filter(k -> k.kid().equals(SigningKey.<SigningKey>find("status = ?1 order by createdAt desc",
                    SigningKey.ACTIVE).firstResult().kid)).findFirst().orElseThrow();
        });
    }

    private void generate(Instant now) {
        String algorithm = config.keys().algorithm();
        try {
            KeyPair pair = generator(algorithm).generateKeyPair();
            SigningKey key = new SigningKey();
            key.kid = random.next(16);
            key.algorithm = algorithm;
            key.publicKey = pair.getPublic().getEncoded();
            key.privateKey = encryption.encrypt(key.kid, pair.getPrivate().getEncoded());
            key.encrypted = true;
            key.status = SigningKey.ACTIVE;
            key.createdAt = now;
            key.persist();
            LOG.infof("Generated a new %s signing key, kid %s", algorithm, key.kid);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a " + algorithm + " key", e);
        }
    }

    private KeyPairGenerator generator(String algorithm) throws GeneralSecurityException {
        return switch (algorithm) {
            case "ES256" -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"), random.secureRandom());
                yield generator;
            }
            case "EdDSA" -> KeyPairGenerator.getInstance("Ed25519");
            default -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random.secureRandom());
                yield generator;
            }
        };
    }

    private LoadedKey decode(SigningKey key) {
        try {
            KeyFactory factory = KeyFactory.getInstance(switch (key.algorithm) {
                case "ES256" -> "EC";
                case "EdDSA" -> "Ed25519";
                default -> "RSA";
            });
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(key.publicKey));
            byte[] pkcs8 = key.encrypted ? encryption.decrypt(key.kid, key.privateKey) : key.privateKey;
            Optional<Provider> provider = RS256.equals(key.algorithm) ? signatureProviders.rsa() : Optional.empty();
            if (provider.isPresent()) {
                factory = KeyFactory.getInstance("RSA", provider.get());
            }
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new LoadedKey(key.kid, key.algorithm, publicKey, privateKey, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored signing key " + key.kid + " cannot be decoded", e);
        }
    }
}
