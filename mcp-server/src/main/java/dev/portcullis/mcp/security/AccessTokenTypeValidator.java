package dev.portcullis.mcp.security;

import dev.portcullis.mcp.config.ResourceServerConfig;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.TypeValidator;
import org.jose4j.jwt.consumer.Validator;

/**
 * Requires the JOSE header {@code typ} of a bearer token to be one of {@code portcullis.token.accepted-types}
 * (default {@code at+jwt}): RFC 9068 §4 ("Resource servers MUST verify that the typ header value is at+jwt or
 * application/at+jwt and reject tokens carrying any other value"), so that an ID token or another JWT signed by the
 * same issuer is not taken for an access token (RFC 8725 §3.11). A token without {@code typ} is refused. quarkus-oidc
 * runs every {@link Validator} bean after the signature check; a refusal is its 401 {@code invalid_token}. The
 * comparison is jose4j's {@link TypeValidator}: media types, case-insensitive, {@code application/} optional
 * (RFC 7515 §4.1.9).
 */
@ApplicationScoped
@Unremovable
public class AccessTokenTypeValidator implements Validator {

    private final List<TypeValidator> accepted;
    private final String names;

    AccessTokenTypeValidator(ResourceServerConfig config) {
        this.accepted = config.token().acceptedTypes().stream().map(type -> new TypeValidator(true, type)).toList();
        this.names = String.join(", ", config.token().acceptedTypes());
    }

    @Override
    public String validate(JwtContext context) {
        for (TypeValidator type : accepted) {
            ErrorCodeValidator.Error error = type.validate(context);
            if (error == null) {
                return null;
            }
        }
        return "The token's typ header is not one of: " + names; // RFC 9068 §4; 401 invalid_token (RFC 6750 §3.1)
    }
}
