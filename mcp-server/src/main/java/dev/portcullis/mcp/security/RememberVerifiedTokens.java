package dev.portcullis.mcp.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** After quarkus-oidc has verified a bearer token and built the identity, remembers it for {@link CachedBearerMechanism}. */
@ApplicationScoped
public class RememberVerifiedTokens implements SecurityIdentityAugmentor {

    private static final Set<String> REQUEST_ATTRIBUTES = Set.of(
            RoutingContext.class.getName(), AuthenticationRequestContext.class.getName());
    private final VerifiedTokenCache cache;

    RememberVerifiedTokens(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential != null && credential.getToken() != null) {
            cache.put(credential.getToken(), withoutRequestState(identity));
        }
        return Uni.createFrom().item(identity);
    }

    /**
     * A copy without the attributes that belong to the request that happened to verify the token first (its routing
     * context and authentication context), so that a remembered identity holds no request's state.
     */
    private static SecurityIdentity withoutRequestState(SecurityIdentity identity) {
        QuarkusSecurityIdentity.Builder copy = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .addPermissionChecker(identity::checkPermission);
        identity.getAttributes().forEach((name, value) -> {
            if (!REQUEST_ATTRIBUTES.contains(name)) {
                copy.addAttribute(name, value);
            }
        });
        return copy.build();
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE; // last: remember the identity as every other augmentor left it
    }
}
