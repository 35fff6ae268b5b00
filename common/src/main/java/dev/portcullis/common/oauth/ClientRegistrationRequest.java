package dev.portcullis.common.oauth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Client metadata sent to a registration endpoint (RFC 7591 §2, §3.1). */
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
        @JsonProperty("jwks_uri") String jwksUri) {

    /** A public native client (RFC 8252) that redirects to a loopback listener. */
    public static ClientRegistrationRequest publicNativeClient(String clientName, List<String> redirectUris, String scope) {
        return new ClientRegistrationRequest(redirectUris, "none", List.of("authorization_code", "refresh_token"),
                List.of("code"), clientName, null, null, scope, null, "dev.portcullis.mcp-client", null, "native", null);
    }
}
