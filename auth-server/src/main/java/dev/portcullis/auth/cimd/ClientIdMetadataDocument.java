package dev.portcullis.auth.cimd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document §3): RFC 7591 metadata plus client_id. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientIdMetadataDocument(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_name") String clientName,
        @JsonProperty("client_uri") String clientUri,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("response_types") List<String> responseTypes,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("scope") String scope,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("jwks") JsonNode jwks,
        @JsonProperty("client_secret") String clientSecret) {
}
