package dev.portcullis.common.oauth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Client metadata (RFC 7591 §2; {@code application_type} from OpenID Connect Registration §2), as a client sends it to
 * a registration endpoint (§3.1) and as the server reads it; unknown members are ignored (§2). {@code jwks} is kept
 * as a JSON tree: the server validates it as a JWK Set of public keys.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientRegistrationRequest(
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("response_types") List<String> responseTypes,
        @JsonProperty("client_name") String clientName,
        @JsonProperty("client_uri") String clientUri,
        @JsonProperty("logo_uri") String logoUri,
        @JsonProperty("scope") String scope,
        @JsonProperty("contacts") List<String> contacts,
        @JsonProperty("software_id") String softwareId,
        @JsonProperty("software_version") String softwareVersion,
        @JsonProperty("application_type") String applicationType,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("jwks") JsonNode jwks) {

    /** A public native client (RFC 8252) that redirects to a loopback listener. */
    public static ClientRegistrationRequest publicNativeClient(String clientName, List<String> redirectUris, String scope) {
        return new ClientRegistrationRequest(redirectUris, ClientAuthMethod.NONE.wire(),
                List.of(GrantType.AUTHORIZATION_CODE.wire(), GrantType.REFRESH_TOKEN.wire()),
                List.of("code"), clientName, null, null, scope, null, "dev.portcullis.mcp-client", null, "native", null, null);
    }
}
