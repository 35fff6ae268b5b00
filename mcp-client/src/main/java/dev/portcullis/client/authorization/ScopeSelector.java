package dev.portcullis.client.authorization;

import dev.portcullis.client.discovery.DiscoveryResult;
import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.common.oauth.Scope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scope of an authorization request (MCP 2025-11-25 "Scope Selection Strategy"): the explicit choice, else the
 * challenge's {@code scope}, else the PRM's {@code scopes_supported}, else none; plus {@code offline_access} when the
 * authorization server lists it, so that a refresh token is issued.
 */
public final class ScopeSelector {

    public static final String OFFLINE_ACCESS = "offline_access";

    private ScopeSelector() {
    }

    public static List<String> select(List<String> explicit, DiscoveryResult discovery) {
        Set<String> scopes = new LinkedHashSet<>();
        BearerChallenge challenge = discovery.challenge();
        List<String> prmScopes = discovery.protectedResource().scopesSupported();
        if (explicit != null && !explicit.isEmpty()) {
            scopes.addAll(explicit);
        } else if (challenge != null && challenge.scope() != null && !challenge.scope().isBlank()) {
            scopes.addAll(Scope.parse(challenge.scope()));
        } else if (prmScopes != null) {
            scopes.addAll(prmScopes);
        }
        if (!scopes.isEmpty() && discovery.authorizationServer().supportsScope(OFFLINE_ACCESS)) {
            scopes.add(OFFLINE_ACCESS);
        }
        return new ArrayList<>(scopes);
    }
}
