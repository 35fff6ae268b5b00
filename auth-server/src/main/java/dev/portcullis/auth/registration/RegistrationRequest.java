package dev.portcullis.auth.registration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Client metadata as this server reads it (RFC 7591 §2, OpenID Connect Registration §2 for
 * {@code application_type}); unknown members are ignored (RFC 7591 §2). {@code jwks} stays a JSON tree only until
 * the registrar validates it as a JWK Set.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistrationRequest(
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("response_types") List<String> responseTypes,
        @JsonProperty("client_name") String clientName,
        @JsonProperty("client_uri") String clientUri,
        @JsonProperty("scope") String scope,
        @JsonProperty("application_type") String applicationType,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("jwks") JsonNode jwks) {
}
