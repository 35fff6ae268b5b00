package dev.portcullis.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignatureProvidersTest {

    private static final boolean LINUX_X86_64 = System.getProperty("os.name").equals("Linux")
            && System.getProperty("os.arch").equals("amd64");

    @Test
    void awsLcSignsRs256WhereItsLibraryLoads() {
        assumeTrue(LINUX_X86_64, "the build packages AWS-LC for this platform only");
        Optional<Provider> provider = new SignatureProviders(true).rsa();
        assertTrue(provider.isPresent(), "AWS-LC should load on Linux x86-64, else every token costs 3x the CPU");
        assertEquals("AmazonCorrettoCryptoProvider", provider.get().getName());
    }

    @Test
    void turnedOffTheJdkSigns() {
        assertEquals(Optional.empty(), new SignatureProviders(false).rsa());
    }

    @Test
    void tokensAreTheSameBytesWhoeverSignsThemAndVerifyWithTheJdk() throws Exception {
        Optional<Provider> provider = new SignatureProviders(true).rsa();
        assumeTrue(provider.isPresent());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        PKCS8EncodedKeySpec pkcs8 = new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded());
        var jdkKey = new SigningKeys.LoadedKey("k1", "RS256", pair.getPublic(), pair.getPrivate(), Optional.empty());
        var nativeKey = new SigningKeys.LoadedKey("k1", "RS256", pair.getPublic(),
                KeyFactory.getInstance("RSA", provider.get()).generatePrivate(pkcs8), provider);
        assertNotEquals(jdkKey.privateKey().getClass(), nativeKey.privateKey().getClass());

        byte[] payload = "{\"sub\":\"alice\",\"aud\":\"https://mcp.example.com/mcp\"}".getBytes(StandardCharsets.UTF_8);
        String byJdk = JwsSigner.sign(jdkKey, "at+jwt", payload);
        String byAwsLc = JwsSigner.sign(nativeKey, "at+jwt", payload);
        assertEquals(byJdk, byAwsLc);

        String[] parts = byAwsLc.split("\\.");
        Signature verifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        verifier.initVerify(pair.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])));
    }
}
