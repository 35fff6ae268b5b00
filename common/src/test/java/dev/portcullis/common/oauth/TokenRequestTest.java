package dev.portcullis.common.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenRequestTest {

    @Test
    void writesTheGrantsInOrderWithoutAbsentParameters() {
        assertEquals("grant_type=authorization_code&code=c%2B1&redirect_uri=http%3A%2F%2F127.0.0.1%3A5%2Fcb"
                        + "&code_verifier=v&resource=https%3A%2F%2Fmcp.example%2Fmcp",
                TokenRequest.encode(TokenRequest.authorizationCode("c+1", "http://127.0.0.1:5/cb", "v",
                        "https://mcp.example/mcp").toForm()));
        assertEquals("grant_type=refresh_token&refresh_token=r", TokenRequest.encode(TokenRequest.refresh("r", null).toForm()));
        assertEquals("grant_type=client_credentials&scope=a+b&resource=x",
                TokenRequest.encode(TokenRequest.clientCredentials("a b", "x").toForm()));
    }

    @Test
    void formsCanBeExtendedWithClientAuthentication() {
        Map<String, String> form = TokenRequest.refresh("r", null).toForm();
        form.put("client_id", "c");
        form.put("client_secret", null);
        assertEquals("grant_type=refresh_token&refresh_token=r&client_id=c", TokenRequest.encode(form));
    }

    @Test
    void readsAFormAndTreatsEmptyValuesAsAbsent() {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("grant_type", List.of("refresh_token"));
        form.put("refresh_token", List.of("r"));
        form.put("scope", List.of(""));
        form.put("client_id", List.of("c"));
        TokenRequest request = TokenRequest.fromForm(form);
        assertEquals(new TokenRequest("refresh_token", null, null, null, "r", null, null), request);
        assertEquals(Optional.empty(), TokenRequest.repeatedParameter(form));
    }

    @Test
    void findsRepeatedParameters() {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("grant_type", List.of("client_credentials"));
        form.put("resource", List.of("a", "b"));
        assertEquals(Optional.of("resource"), TokenRequest.repeatedParameter(form));
    }

    @Test
    void roundTripsAndKeepsCredentialsOutOfToString() {
        TokenRequest request = TokenRequest.authorizationCode("secret-code", "https://app/cb", "secret-verifier", "r");
        assertEquals(request, TokenRequest.fromForm(multi(request.toForm())));
        assertFalse(request.toString().contains("secret"));
        assertNull(TokenRequest.fromForm(Map.of()).grantType());
    }

    private static Map<String, List<String>> multi(Map<String, String> form) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        form.forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }
}
