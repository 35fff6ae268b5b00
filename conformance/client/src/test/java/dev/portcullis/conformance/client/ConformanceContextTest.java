package dev.portcullis.conformance.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.portcullis.client.registration.PreRegisteredClient;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** MCP_CONFORMANCE_CONTEXT as the suite sets it: parsed into a pre-registered client, secrets never printed. */
class ConformanceContextTest {

    @Test
    void noContextMeansNoPreRegisteredClient() {
        assertNull(ConformanceContext.parse(null).client());
        assertNull(ConformanceContext.parse(" ").client());
        assertNull(ConformanceContext.parse("{\"name\":\"auth/metadata-default\"}").client());
    }

    @Test
    void clientIdAndSecretBecomeAPreRegisteredClient_andTheSecretIsRedacted() {
        ConformanceContext context = ConformanceContext.parse("""
                {"name":"auth/client-credentials-basic","client_id":"conformance-client","client_secret":"s3cret-value",
                 "unknown":"ignored"}""");
        PreRegisteredClient client = context.client();
        assertEquals("conformance-client", client.clientId());
        assertEquals("s3cret-value", client.clientSecret());
        assertNull(client.key());
        assertFalse(context.toString().contains("s3cret-value"), context.toString());
    }

    @Test
    void aPrivateKeyBecomesAClientKey_andIsRedacted() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String base64 = Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
        ConformanceContext context = ConformanceContext.parse("""
                {"name":"auth/client-credentials-jwt","client_id":"jwt-client","private_key_pem":%s,
                 "signing_algorithm":"ES256"}""".formatted(TextNode.valueOf(pem)));
        assertEquals("ES256", context.client().key().algorithm());
        assertFalse(context.toString().contains(base64.substring(0, 20)), context.toString());
    }

    @Test
    void aContextThatIsNoJsonObjectIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConformanceContext.parse("not json"));
    }
}
