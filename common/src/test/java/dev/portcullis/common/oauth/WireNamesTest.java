package dev.portcullis.common.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireNamesTest {

    @Test
    void grantTypesByWireName() {
        assertEquals(Optional.of(GrantType.AUTHORIZATION_CODE), GrantType.of("authorization_code"));
        assertEquals(Optional.of(GrantType.REFRESH_TOKEN), GrantType.of("refresh_token"));
        assertEquals(Optional.of(GrantType.CLIENT_CREDENTIALS), GrantType.of("client_credentials"));
        assertEquals(Optional.empty(), GrantType.of("Authorization_Code"));
        assertEquals(Optional.empty(), GrantType.of("password"));
        assertEquals(Optional.empty(), GrantType.of(null));
        assertEquals("refresh_token", GrantType.REFRESH_TOKEN.wire());
    }

    @Test
    void clientAuthMethodsByWireName() {
        assertEquals(List.of("none", "client_secret_basic", "client_secret_post", "private_key_jwt"),
                ClientAuthMethod.wireNames());
        assertEquals(Optional.of(ClientAuthMethod.PRIVATE_KEY_JWT), ClientAuthMethod.of("private_key_jwt"));
        assertEquals(Optional.empty(), ClientAuthMethod.of("tls_client_auth"));
        assertEquals(Optional.empty(), ClientAuthMethod.of(null));
    }
}
