package dev.portcullis.client;

import dev.portcullis.client.fake.FakeServersTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.client.registration.ClientKey;
import dev.portcullis.client.registration.PreRegisteredClient;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

/** Which client identity is used (pre-registered, Client ID Metadata Document, DCR) and how it authenticates. */
@QuarkusTest
class ClientIdentityFlowTest extends FakeServersTest {

    static final URI METADATA_URL = URI.create("https://client.example/portcullis.json");




    @Test
    void metadataUrlConfiguredAndSupported_usesItAsClientIdWithoutRegistering() {
        as.extraMetadata.put("client_id_metadata_document_supported", true);
        try (PortcullisClient client = builder().clientMetadataUrl(METADATA_URL).build()) {
            client.login(mcp.url());
        }
        assertEquals(METADATA_URL.toString(), as.authorizationRequests.get(0).get("client_id"));
        assertEquals(METADATA_URL.toString(), as.tokenRequests.get(0).get("client_id"));
        assertTrue(as.registrations.isEmpty());
    }

    @Test
    void metadataUrlConfiguredButNotAdvertised_registersDynamically() {
        try (PortcullisClient client = builder().clientMetadataUrl(METADATA_URL).build()) {
            client.login(mcp.url());
        }
        assertEquals(1, as.registrations.size());
        assertEquals("client-1", as.authorizationRequests.get(0).get("client_id"));
    }

    @Test
    void preRegisteredWithSecret_sendsBasicCredentialsAndNeverRegisters() {
        try (PortcullisClient client = builder()
                .preRegisteredClient(PreRegisteredClient.withSecret("my client", "s3cret:x")).build()) {
            client.login(mcp.url());
        }
        assertTrue(as.registrations.isEmpty());
        // RFC 6749 §2.3.1: form-encoded before Base64
        assertEquals("Basic " + Base64.getEncoder().encodeToString("my+client:s3cret%3Ax".getBytes(StandardCharsets.UTF_8)),
                as.tokenAuthorizations.get(0));
        assertNull(as.tokenRequests.get(0).get("client_secret"));
    }

    @Test
    void preRegisteredWithSecretAndOnlyPostSupported_sendsTheSecretInTheBody() {
        as.extraMetadata.putArray("token_endpoint_auth_methods_supported").add("client_secret_post");
        try (PortcullisClient client = builder()
                .preRegisteredClient(PreRegisteredClient.withSecret("pre", "secret")).build()) {
            client.login(mcp.url());
        }
        assertNull(as.tokenAuthorizations.get(0));
        assertEquals("pre", as.tokenRequests.get(0).get("client_id"));
        assertEquals("secret", as.tokenRequests.get(0).get("client_secret"));
    }

    @Test
    void registrationAtAServerWithoutPublicClients_asksForTheSecretMethodItSupports() {
        as.extraMetadata.putArray("token_endpoint_auth_methods_supported").add("client_secret_post");
        try (PortcullisClient client = builder().build()) {
            client.login(mcp.url());
        }
        assertTrue(as.registrations.get(0).contains("\"token_endpoint_auth_method\":\"client_secret_post\""),
                as.registrations.get(0));
    }

    @Test
    void clientCredentialsWithPrivateKeyJwt_sendsASignedAssertionAndCallsWithoutABrowser() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        PreRegisteredClient machine = new PreRegisteredClient("machine-1", null, ClientKey.fromPem(pem, null));

        try (PortcullisClient client = builder().grant(PortcullisClient.Grant.CLIENT_CREDENTIALS)
                .preRegisteredClient(machine).build(); McpSession session = client.connect(mcp.url())) {
            assertEquals("hi", session.callTool("echo", Map.of("message", "hi")).text());
        }

        assertTrue(browser.opened.isEmpty());
        Map<String, String> form = as.tokenRequests.get(0);
        assertEquals("client_credentials", form.get("grant_type"));
        assertEquals("mcp:tools", form.get("scope"));
        assertEquals(mcp.url().toString(), form.get("resource"));
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(pair.getPublic())
                .setExpectedAudience(as.issuer()).setRequireExpirationTime().setRequireJwtId().build()
                .processToClaims(form.get("client_assertion"));
        assertEquals("machine-1", claims.getIssuer());
        assertEquals("machine-1", claims.getSubject());
        assertEquals(List.of(as.issuer()), claims.getAudience());
        assertFalse(machine.toString().contains("PRIVATE"));
    }
}
