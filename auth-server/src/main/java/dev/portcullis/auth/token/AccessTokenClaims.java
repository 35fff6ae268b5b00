package dev.portcullis.auth.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The claims of an RFC 9068 §2.2 JWT access token, serialised in this order; absent members are omitted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessTokenClaims(
        @JsonProperty("iss") String iss,
        @JsonProperty("sub") String sub,
        @JsonProperty("aud") String aud,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("scope") String scope,
        @JsonProperty("preferred_username") String preferredUsername,
        @JsonProperty("auth_time") Long authTime,
        @JsonProperty("jti") String jti,
        @JsonProperty("iat") long iat,
        @JsonProperty("exp") long exp) {
}
