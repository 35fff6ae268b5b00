package dev.portcullis.client.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.client.discovery.DiscoveryResult;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import dev.portcullis.common.oauth.BearerChallenge;
import dev.portcullis.common.oauth.ProtectedResourceMetadata;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeSelectorTest {

    static DiscoveryResult discovery(String challengeScope, List<String> prmScopes, List<String> asScopes) {
        BearerChallenge challenge = challengeScope == null ? null : BearerChallenge.empty().with("scope", challengeScope);
        ProtectedResourceMetadata prm = new ProtectedResourceMetadata("http://r/mcp", List.of("http://as"), prmScopes,
                null, null, null);
        AuthorizationServerMetadata as = new AuthorizationServerMetadata("http://as", "http://as/a", "http://as/t", null,
                null, null, null, null, asScopes, null, null, null, null, null, null, null, List.of("S256"), null, null,
                null, null);
        return new DiscoveryResult(URI.create("http://r/mcp"), challenge, prm, as);
    }

    @Test
    void explicitScopes_winOverChallengeAndPrm() {
        assertEquals(List.of("notes:read"), ScopeSelector.select(List.of("notes:read"),
                discovery("mcp:tools", List.of("x"), List.of("mcp:tools"))));
    }

    @Test
    void challengeScope_winsOverPrmAndOfflineAccessIsAddedWhenListed() {
        assertEquals(List.of("mcp:tools", "notes:read", "offline_access"), ScopeSelector.select(List.of(),
                discovery("mcp:tools notes:read", List.of("x"), List.of("mcp:tools", "offline_access"))));
    }

    @Test
    void withoutChallengeScope_prmScopesAreUsedAndOfflineAccessOnlyWhenTheServerListsIt() {
        assertEquals(List.of("a", "b"), ScopeSelector.select(null, discovery(null, List.of("a", "b"), List.of("a"))));
    }

    @Test
    void nothingAdvertised_omitsTheScope() {
        assertEquals(List.of(), ScopeSelector.select(null, discovery(null, null, List.of("offline_access"))));
    }
}
