package dev.portcullis.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything under {@code portcullis.*}; environment variables follow the usual mapping (PORTCULLIS_ISSUER, …). */
@ConfigMapping(prefix = "portcullis")
public interface PortcullisConfig {

    /** The issuer identifier (RFC 8414 §2); every endpoint URL is derived from it. */
    @WithDefault("http://localhost:9000")
    String issuer();

    /** Resource identifiers (RFC 8707) this server issues access tokens for; a token's {@code aud}. */
    @WithDefault("http://localhost:8080/mcp")
    List<String> resources();

    @WithDefault("mcp:tools,notes:read,notes:write,offline_access")
    List<String> scopes();

    /**
     * Data directory of the embedded PostgreSQL, used only when no {@code quarkus.datasource.jdbc.url} is set.
     * Read by {@link dev.portcullis.auth.db.EmbeddedPostgresConfigSourceFactory} before CDI exists.
     */
    Optional<String> dataDir();

    Token token();

    Authorize authorize();

    Session session();

    Bootstrap bootstrap();

    /** {@code issuer + path}, without a doubled slash. */
    default String endpoint(String path) {
        String base = issuer().endsWith("/") ? issuer().substring(0, issuer().length() - 1) : issuer();
        return base + path;
    }

    interface Token {
        @WithDefault("PT1H")
        Duration accessLifetime();

        @WithDefault("P30D")
        Duration refreshLifetime();

        /** OAuth 2.1 §4.1.2: short-lived; 60 s at most is recommended by the MCP security guidance. */
        @WithDefault("PT60S")
        Duration codeLifetime();
    }

    interface Authorize {
        /** How long a pending authorization request (sign-in and consent) stays usable. */
        @WithDefault("PT10M")
        Duration requestLifetime();
    }

    interface Session {
        /** Lifetime of the browser sign-in session (cookie {@code portcullis_session}). */
        @WithDefault("PT8H")
        Duration lifetime();
    }

    /** A user created at start when it does not exist yet (the demo user in dev). */
    interface Bootstrap {
        Optional<String> username();

        Optional<String> password();
    }
}
