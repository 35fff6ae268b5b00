package dev.portcullis.common.oauth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * OAuth 2.0 Authorization Server Metadata (RFC 8414 §2), also the subset of OpenID Connect Discovery 1.0
 * that an MCP client reads. Unknown members are ignored, as RFC 8414 §3.2 requires of clients.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthorizationServerMetadata(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("authorization_endpoint") String authorizationEndpoint,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("registration_endpoint") String registrationEndpoint,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("revocation_endpoint") String revocationEndpoint,
        @JsonProperty("introspection_endpoint") String introspectionEndpoint,
        @JsonProperty("userinfo_endpoint") String userinfoEndpoint,
        @JsonProperty("scopes_supported") List<String> scopesSupported,
        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("response_modes_supported") List<String> responseModesSupported,
        @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
        @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
        @JsonProperty("token_endpoint_auth_signing_alg_values_supported") List<String> tokenEndpointAuthSigningAlgValuesSupported,
        @JsonProperty("revocation_endpoint_auth_methods_supported") List<String> revocationEndpointAuthMethodsSupported,
        @JsonProperty("introspection_endpoint_auth_methods_supported") List<String> introspectionEndpointAuthMethodsSupported,
        @JsonProperty("code_challenge_methods_supported") List<String> codeChallengeMethodsSupported,
        @JsonProperty("authorization_response_iss_parameter_supported") Boolean authorizationResponseIssParameterSupported,
        @JsonProperty("client_id_metadata_document_supported") Boolean clientIdMetadataDocumentSupported,
        // OpenID Connect Discovery members required in openid-configuration documents
        @JsonProperty("subject_types_supported") List<String> subjectTypesSupported,
        @JsonProperty("id_token_signing_alg_values_supported") List<String> idTokenSigningAlgValuesSupported) {

    /** True when the server advertises PKCE with S256, which MCP clients MUST require. */
    public boolean supportsS256() {
        return codeChallengeMethodsSupported != null && codeChallengeMethodsSupported.contains(Pkce.METHOD_S256);
    }

    public boolean supportsScope(String scope) {
        return scopesSupported != null && scopesSupported.contains(scope);
    }

    public boolean supportsClientIdMetadataDocuments() {
        return Boolean.TRUE.equals(clientIdMetadataDocumentSupported);
    }

    public boolean supportsIssParameter() {
        return Boolean.TRUE.equals(authorizationResponseIssParameterSupported);
    }
}
