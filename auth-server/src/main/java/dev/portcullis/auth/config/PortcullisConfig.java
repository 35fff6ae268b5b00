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
     * Per-resource scope limits, each entry a resource identifier followed by the scopes a token for it may carry,
     * space-separated ({@code https://files.example.com/mcp mcp:tools files:read}); a resource without an entry
     * may be given any scope in {@link #scopes()}. See {@link Resources}.
     */
    Optional<List<String>> resourceScopes();

    /**
     * Data directory of the embedded PostgreSQL, used only when no {@code quarkus.datasource.jdbc.url} is set.
     * Read by {@link dev.portcullis.auth.db.EmbeddedPostgresConfigSourceFactory} before CDI exists.
     */
    Optional<String> dataDir();

    Token token();

    Authorize authorize();

    Session session();

    Bootstrap bootstrap();

    Registration registration();

    Keys keys();

    /**
     * Base64 of the 32-byte AES key that encrypts signing keys at rest (PORTCULLIS_KEY_ENCRYPTION_KEY). Without it a
     * key is generated once and kept in {@code keys.encryption-key-file} (development and demos; a warning is logged).
     */
    Optional<String> keyEncryptionKey();

    Outbound outbound();

    RateLimit rateLimit();

    SignIn signIn();

    Introspection introspection();

    Cors cors();

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

        /**
         * The rotation grace period: a rotated refresh token presented again within this time of its rotation, while
         * its successor is unused, is answered again with the same successor (a lost answer, or the client's own
         * concurrent refresh); later, or once the successor has been used, it is reuse and revokes the family. See
         * {@code token.RefreshTokenGrant} for the security reasoning. {@code PT0S} turns it off.
         */
        @WithDefault("PT30S")
        Duration refreshGracePeriod();
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

    /** Dynamic Client Registration (RFC 7591). */
    interface Registration {
        /** {@code open} (anyone), {@code token} (an initial access token, RFC 7591 §3) or {@code off}. */
        @WithDefault("open")
        RegistrationMode mode();

        /** The initial access token for mode {@code token} (PORTCULLIS_REGISTRATION_INITIAL_ACCESS_TOKEN). */
        Optional<String> initialAccessToken();

        /** Dynamic registrations never used for a token request are purged after this long. */
        @WithDefault("P7D")
        Duration unusedLifetime();
    }

    enum RegistrationMode {
        OPEN, TOKEN, OFF
    }

    /** Outbound fetches ({@code jwks_uri}, Client ID Metadata Documents). */
    interface Outbound {
        /**
         * Hosts that may be fetched over plain http and may resolve to loopback or private addresses: for
         * development and tests only (empty in production).
         */
        Optional<List<String>> allowedInsecureHosts();

        /** Outbound fetches in flight at once on this replica; more are answered "try again later" at once. */
        @WithDefault("8")
        int maxConcurrentFetches();

        /** Outbound fetches in flight at once to one host; more are answered "try again later" at once. */
        @WithDefault("2")
        int maxConcurrentFetchesPerHost();

        /** How long a failed fetch (or a document found invalid) is remembered, so repeats do not fetch again. */
        @WithDefault("PT30S")
        Duration failureCacheLifetime();

        default boolean isInsecureAllowed(String host) {
            return host != null && allowedInsecureHosts().map(hosts -> hosts.contains(host.toLowerCase(java.util.Locale.ROOT)))
                    .orElse(false);
        }
    }

    /** Token signing keys. */
    interface Keys {
        /** RS256 (default), ES256 or EdDSA (Ed25519). Changing it rotates to a new key at the next start. */
        @WithDefault("RS256")
        String algorithm();

        /** Age at which the active key is replaced; the previous one stays published while its tokens live. */
        @WithDefault("P30D")
        Duration rotationPeriod();

        /** Where a generated key-encryption key is kept (mode 0600) when none is configured. */
        Optional<String> encryptionKeyFile();

        /**
         * Sign RS256 tokens with AWS-LC through the Amazon Corretto Crypto Provider (about three times faster than
         * the JDK's RSA) where its native library loads; otherwise, or when false, the JDK signs.
         */
        @WithDefault("true")
        boolean nativeSigning();
    }

    /** Per-replica request limits, answered 429 with Retry-After. A benchmark raises them (and says so). */
    interface RateLimit {
        /** Token requests per second per client address. */
        @WithDefault("200")
        int tokenPerSecond();

        /** Registrations per minute per client address. */
        @WithDefault("120")
        int registerPerMinute();

        /** Outbound fetches (Client ID Metadata Documents, {@code jwks_uri}) per minute per fetched host. */
        @WithDefault("30")
        int cimdFetchesPerMinute();

        /**
         * Outbound fetches per minute caused by one client address (the caller of {@code /authorize}, {@code /token},
         * …; IPv6 counted per /64).
         */
        @WithDefault("30")
        int outboundFetchesPerAddressPerMinute();
    }

    /** Who may learn what about a token at {@code /introspect} (RFC 7662 §4). */
    interface Introspection {
        /**
         * Client ids of the resource servers that may introspect every access token
         * (PORTCULLIS_INTROSPECTION_CLIENTS); any other confidential client learns only about tokens issued to itself.
         */
        Optional<List<String>> clients();

        default boolean mayIntrospectAll(String clientId) {
            return clients().map(ids -> ids.contains(clientId)).orElse(false);
        }
    }

    /**
     * Cross-origin access from browser JavaScript (an MCP client running in a page) to the endpoints a client calls:
     * the metadata documents, {@code /register}, {@code /token}, {@code /revoke} and {@code /jwks}; never the pages.
     */
    interface Cors {
        /** Allowed origins, exactly as browsers send them ({@code https://app.example.com}); none by default. */
        Optional<List<String>> origins();
    }

    /** Brute-force protection of sign-in, shared by all replicas through PostgreSQL. */
    interface SignIn {
        /** Failures of one account before it backs off. */
        @WithDefault("5")
        int accountFailures();

        /** Failures from one address before it backs off. */
        @WithDefault("20")
        int addressFailures();

        /** First backoff; it doubles with every further failure, up to {@link #maxBackoff()}. */
        @WithDefault("PT1S")
        Duration initialBackoff();

        @WithDefault("PT15M")
        Duration maxBackoff();

        /** Failures older than this are forgotten. */
        @WithDefault("PT15M")
        Duration failureWindow();
    }
}
