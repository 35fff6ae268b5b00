package dev.portcullis.common.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientRegistrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theServersResponseReadsWithManagementMembersAndJwksAsATree() throws Exception {
        String body = """
                {"client_id":"c1","client_secret":"s3cret","client_id_issued_at":1700000000,"client_secret_expires_at":0,
                 "redirect_uris":["http://127.0.0.1/cb"],"token_endpoint_auth_method":"private_key_jwt",
                 "grant_types":["authorization_code"],"response_types":["code"],"client_name":"App",
                 "jwks":{"keys":[{"kty":"EC","kid":"k1"}]},"registration_access_token":"rat-value",
                 "registration_client_uri":"https://as.example/register/c1","unknown_member":true}""";
        ClientRegistrationResponse response = JSON.readValue(body, ClientRegistrationResponse.class);
        assertEquals("c1", response.clientId());
        assertEquals(0L, response.clientSecretExpiresAt());
        assertEquals("k1", response.jwks().path("keys").path(0).path("kid").asText());
        assertEquals("rat-value", response.registrationAccessToken());
        assertEquals("https://as.example/register/c1", response.registrationClientUri());
        String printed = response.toString();
        assertFalse(printed.contains("s3cret") || printed.contains("rat-value"), printed);
        assertTrue(printed.contains("c1"), printed);
    }

    @Test
    void theClientsRequestLeavesOutWhatItDoesNotSet() throws Exception {
        var request = ClientRegistrationRequest.publicNativeClient("Tool", List.of("http://127.0.0.1:5000/callback"), null);
        var tree = JSON.readTree(JSON.writeValueAsString(request));
        assertEquals("none", tree.path("token_endpoint_auth_method").asText());
        assertEquals("native", tree.path("application_type").asText());
        assertFalse(tree.has("scope") || tree.has("jwks") || tree.has("jwks_uri"), tree.toString());
        assertNull(JSON.treeToValue(tree, ClientRegistrationRequest.class).jwks());
    }
}
