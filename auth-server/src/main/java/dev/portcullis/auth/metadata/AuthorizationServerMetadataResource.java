package dev.portcullis.auth.metadata;

import dev.portcullis.auth.client.ClientAssertions;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import dev.portcullis.common.oauth.ClientAuthMethod;
import dev.portcullis.common.oauth.GrantType;
import dev.portcullis.common.oauth.Pkce;
import dev.portcullis.common.oauth.WellKnown;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** OAuth 2.0 Authorization Server Metadata (RFC 8414 §3). Advertises only what really works. */
@Path(WellKnown.AUTHORIZATION_SERVER)
public class AuthorizationServerMetadataResource {

    @Inject
    PortcullisConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AuthorizationServerMetadata metadata() {
        return build(config, false);
    }

    /** The shared document; {@code openid} adds the members OpenID Connect Discovery §3 requires. */
    static AuthorizationServerMetadata build(PortcullisConfig config, boolean openid) {
        List<String> confidential = ClientAuthMethod.wireNames().stream()
                .filter(m -> !ClientAuthMethod.NONE.wire().equals(m)).toList();
        boolean registration = config.registration().mode() != PortcullisConfig.RegistrationMode.OFF;
        return new AuthorizationServerMetadata(
                config.issuer(),
                config.endpoint("/authorize"),
                config.endpoint("/token"),
                registration ? config.endpoint("/register") : null,
                config.endpoint("/jwks"),
                config.endpoint("/revoke"),
                config.endpoint("/introspect"),
                null,
                List.copyOf(config.scopes()),
                List.of("code"),
                List.of("query"),
                GrantType.wireNames(),
                ClientAuthMethod.wireNames(),
                ClientAssertions.ALGORITHMS,
                ClientAuthMethod.wireNames(),
                confidential,
                List.of(Pkce.METHOD_S256),
                true,
                true,
                openid ? List.of("public") : null,
                openid ? List.of(config.keys().algorithm()) : null);
    }
}
