package dev.portcullis.auth.keys;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import dev.portcullis.auth.config.PortcullisConfig;
import io.quarkus.runtime.ImageMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Provider;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which JCA provider makes RS256 signatures. Signing is the dominant cost of every token the server issues (an
 * RSA-2048 signature takes about 0.7 ms in the JDK, 0.2 ms in AWS-LC on the same core), so where the Amazon Corretto
 * Crypto Provider's native library loads, RSA private keys are imported into it and it signs. It is not installed as
 * a JVM-wide provider: everything else (TLS, hashing, verification of client assertions) stays with the JDK. Where it
 * does not load (a platform it has no library for, a native executable) or {@code portcullis.keys.native-signing} is
 * false, the JDK signs; the tokens are the same bytes either way (RSASSA-PKCS1-v1_5 is deterministic).
 */
@ApplicationScoped
public class SignatureProviders {

    private static final Logger LOG = Logger.getLogger(SignatureProviders.class);

    private final Optional<Provider> rsa;

    @Inject
    public SignatureProviders(PortcullisConfig config) {
        this(config.keys().nativeSigning());
    }

    SignatureProviders(boolean nativeSigning) {
        this.rsa = nativeSigning ? loadNative() : Optional.empty();
        if (!nativeSigning) {
            LOG.info("RS256 tokens are signed by the JDK (portcullis.keys.native-signing=false)");
        }
    }

    /** The provider that signs RS256, when it is not the JDK's default. */
    public Optional<Provider> rsa() {
        return rsa;
    }

    private static Optional<Provider> loadNative() {
        if (ImageMode.current().isNativeImage()) {
            LOG.info("RS256 tokens are signed by the JDK (native executable: no AWS-LC library)");
            return Optional.empty();
        }
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            if (provider.getLoadingError() != null) {
                throw provider.getLoadingError();
            }
            provider.assertHealthy(); // runs the provider's self-tests once
            LOG.infof("RS256 tokens are signed with %s (Amazon Corretto Crypto Provider %s)",
                    provider.getAwsLcVersionStr(), provider.getVersionStr());
            return Optional.of(provider);
        } catch (Throwable e) { // LinkageError or a failed self-test: no native library usable on this platform
            LOG.infof("RS256 tokens are signed by the JDK: the Amazon Corretto Crypto Provider is unavailable here (%s)", e);
            return Optional.empty();
        }
    }
}
