package dev.portcullis.auth.metadata;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
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
        return new AuthorizationServerMetadata(
                config.issuer(),
                config.endpoint("/authorize"),
                config.endpoint("/token"),
                config.endpoint("/register"),
                config.endpoint("/jwks"),
                null,
                null,
                null,
                List.copyOf(config.scopes()),
                List.of("code"),
                null,
                List.of("authorization_code", "refresh_token"),
                List.of("none"),
                null,
                null,
                null,
                List.of(Pkce.METHOD_S256),
                true,
                null,
                openid ? List.of("public") : null,
                openid ? List.of("RS256") : null);
    }
}
