package dev.portcullis.common.oauth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Client information response (RFC 7591 §3.2.1) with the RFC 7592 §3 management members. The secret and the
 * registration access token never appear in {@link #toString()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientRegistrationResponse(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("client_id_issued_at") Long clientIdIssuedAt,
        @JsonProperty("client_secret_expires_at") Long clientSecretExpiresAt,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("response_types") List<String> responseTypes,
        @JsonProperty("client_name") String clientName,
        @JsonProperty("client_uri") String clientUri,
        @JsonProperty("scope") String scope,
        @JsonProperty("application_type") String applicationType,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("jwks") JsonNode jwks,
        @JsonProperty("registration_access_token") String registrationAccessToken,
        @JsonProperty("registration_client_uri") String registrationClientUri) {

    @Override
    public String toString() {
        return "ClientRegistrationResponse[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? null : "***")
                + ", tokenEndpointAuthMethod=" + tokenEndpointAuthMethod + ", redirectUris=" + redirectUris
                + ", grantTypes=" + grantTypes + ", scope=" + scope + ", registrationAccessToken="
                + (registrationAccessToken == null ? null : "***") + "]";
    }
}
