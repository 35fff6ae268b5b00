package dev.portcullis.auth.metadata;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import dev.portcullis.common.oauth.WellKnown;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** OpenID Connect Discovery 1.0 §4: the same metadata plus the members OIDC requires. */
@Path(WellKnown.OPENID_CONFIGURATION)
public class OpenIdConfigurationResource {

    @Inject
    PortcullisConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AuthorizationServerMetadata metadata() {
        return AuthorizationServerMetadataResource.build(config, true);
    }
}
