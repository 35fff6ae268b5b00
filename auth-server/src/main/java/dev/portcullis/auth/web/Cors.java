package dev.portcullis.auth.web;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.common.oauth.WellKnown;
import io.quarkus.vertx.http.runtime.cors.CORSConfig;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CORS for the endpoints a client calls from page JavaScript (an MCP client in a browser tab): the metadata
 * documents, {@code /register} and {@code /register/{id}} (RFC 7591, RFC 7592), {@code /token}, {@code /revoke} and
 * {@code /jwks}, for the origins in {@code portcullis.cors.origins}. Never the browser pages ({@code /authorize},
 * sign-in, consent, {@code /account}: {@link BrowserPaths}) nor {@code /introspect}, which is for resource servers.
 *
 * <p>Quarkus' {@code quarkus.http.cors} applies to every path and has no per-path setting, so this filter picks the
 * paths and hands allowed origins to Quarkus' own {@link CORSFilter} (preflight, allowed methods and headers, max-age).
 * What it adds: a request from any other origin (or preflight) gets no CORS header and is refused before it is
 * processed with an OAuth JSON error, and {@code Vary: Origin} keeps shared caches from mixing answers. No cookies or
 * credentials mode: these endpoints authenticate clients by their request, never by cookie.
 */
@ApplicationScoped
public class Cors {

    private static final Set<String> EXACT = Set.of(WellKnown.AUTHORIZATION_SERVER, WellKnown.OPENID_CONFIGURATION,
            "/register", "/token", "/revoke", "/jwks");
    private static final String REFUSED = "{\"error\":\"invalid_request\",\"error_description\":"
            + "\"Cross-origin requests from this origin are not allowed\"}";
    /** After the security-headers filter, before any resource. */
    private static final int PRIORITY = 900;

    @Inject
    PortcullisConfig config;

    void register(@Observes Filters filters) {
        List<String> origins = config.cors().origins().orElse(List.of());
        CORSFilter allowed = new CORSFilter(new Allowed(origins));
        String issuerOrigin = CrossSiteForms.origin(config.issuer());
        filters.register(context -> handle(context, origins, issuerOrigin, allowed), PRIORITY);
    }

    /** True for the paths that answer CORS. */
    static boolean isCorsPath(String path) {
        return path != null && (EXACT.contains(path) || path.startsWith("/register/") && path.length() > "/register/".length());
    }

    private static void handle(RoutingContext context, List<String> origins, String issuerOrigin, CORSFilter allowed) {
        if (!isCorsPath(context.normalizedPath())) {
            context.next();
            return;
        }
        context.response().headers().add("Vary", "Origin");
        String origin = context.request().getHeader("Origin");
        if (origin == null || origin.equals(issuerOrigin)) {
            context.next(); // not a cross-origin request
        } else if (origins.contains(origin)) {
            allowed.handle(context);
        } else {
            // RFC 6749 §5.2 invalid_request (Fetch standard §3.2: without CORS headers the browser keeps the answer
            // from the page): not an allowed origin, refused before anything is done
            context.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store").end(REFUSED);
        }
    }

    /** Quarkus' CORS settings for the allowed origins. */
    private record Allowed(List<String> allowedOrigins) implements CORSConfig {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Optional<List<String>> origins() {
            return Optional.of(allowedOrigins);
        }

        @Override
        public Optional<List<String>> methods() {
            return Optional.of(List.of(HttpMethod.GET.name(), HttpMethod.POST.name(), HttpMethod.DELETE.name(),
                    HttpMethod.OPTIONS.name()));
        }

        @Override
        public Optional<List<String>> headers() {
            // Authorization: client_secret_basic and registration access tokens; MCP-Protocol-Version: sent by MCP
            // clients with every discovery request (MCP 2025-06-18, Protocol Version Header)
            return Optional.of(List.of("Authorization", "Content-Type", "Accept", "MCP-Protocol-Version"));
        }

        @Override
        public Optional<List<String>> exposedHeaders() {
            return Optional.of(List.of("WWW-Authenticate", "Retry-After", "Location"));
        }

        @Override
        public Optional<Duration> accessControlMaxAge() {
            return Optional.of(Duration.ofHours(1));
        }

        @Override
        public Optional<Boolean> accessControlAllowCredentials() {
            return Optional.of(false);
        }
    }
}
