package dev.portcullis.auth.config;

import dev.portcullis.common.oauth.Scope;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resources (RFC 8707) this server issues tokens for, and which scopes a token for each may carry. A resource
 * listed in {@code portcullis.resource-scopes} is limited to the scopes given there; any other one accepts every scope
 * the server knows. {@code offline_access} concerns refresh tokens, not the resource, and is never limited. The
 * configuration is checked at start: a limit naming an unknown resource or scope stops the server with a message
 * rather than quietly allowing or refusing everything.
 */
@Startup // a bad limit stops the server at start, not at the first request
@ApplicationScoped
public class Resources {

    private final List<String> served;
    private final List<String> known;
    private final Map<String, Set<String>> limits;

    @Inject
    public Resources(PortcullisConfig config) {
        this(config.resources(), config.scopes(), config.resourceScopes().orElse(List.of()));
    }

    /** From the values of {@code portcullis.resources}, {@code portcullis.scopes} and {@code portcullis.resource-scopes}. */
    public Resources(List<String> served, List<String> known, List<String> limitEntries) {
        this.served = List.copyOf(served);
        this.known = List.copyOf(known);
        Map<String, Set<String>> parsed = new HashMap<>();
        for (String entry : limitEntries) {
            List<String> words = Scope.parse(entry);
            if (words.isEmpty()) {
                continue;
            }
            String resource = words.get(0);
            if (!served.contains(resource)) {
                throw new IllegalStateException("portcullis.resource-scopes names " + resource
                        + ", which is not one of portcullis.resources " + served);
            }
            List<String> scopes = words.subList(1, words.size());
            if (scopes.isEmpty() || !known.containsAll(scopes)) {
                throw new IllegalStateException("portcullis.resource-scopes for " + resource
                        + " must list scopes among portcullis.scopes " + known + ", not " + scopes);
            }
            if (parsed.put(resource, new LinkedHashSet<>(scopes)) != null) {
                throw new IllegalStateException("portcullis.resource-scopes names " + resource + " twice");
            }
        }
        this.limits = Map.copyOf(parsed);
    }

    /** Whether tokens may be issued for this resource identifier (exact match, RFC 8707 §2). */
    public boolean serves(String resource) {
        return served.contains(resource);
    }

    /** The single resource, when the server serves exactly one (a default for requests that name none). */
    public List<String> served() {
        return served;
    }

    /** Every scope the server knows ({@code portcullis.scopes}), in order. */
    public List<String> scopes() {
        return known;
    }

    /** Whether a token for this resource may carry this scope. */
    public boolean allows(String resource, String scope) {
        if (!known.contains(scope)) {
            return false;
        }
        Set<String> limit = limits.get(resource);
        return limit == null || Scope.OFFLINE_ACCESS.equals(scope) || limit.contains(scope);
    }

    public boolean allowsAll(String resource, List<String> scopes) {
        return scopes.stream().allMatch(scope -> allows(resource, scope));
    }

    /** Of these scopes, those a token for the resource may carry, in order. */
    public List<String> allowed(String resource, List<String> scopes) {
        return scopes.stream().filter(scope -> allows(resource, scope)).toList();
    }
}
