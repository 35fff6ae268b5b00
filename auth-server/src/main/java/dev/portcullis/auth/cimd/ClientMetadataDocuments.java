package dev.portcullis.auth.cimd;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.error.OAuthProblem;
import dev.portcullis.auth.registration.ClientRegistrar;
import dev.portcullis.common.oauth.ClientAuthMethod;
import dev.portcullis.common.oauth.ClientRegistrationRequest;
import dev.portcullis.common.oauth.GrantType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document): a {@code client_id} that is an https
 * URL names a JSON document describing the client. It is fetched ({@link MetadataDocumentFetcher}), its
 * {@code client_id} must equal the URL exactly (§4.1), it may not claim a shared secret (§4.2: only {@code none} or
 * {@code private_key_jwt}), and its metadata (redirect URIs first) is validated like a registration. The result is
 * kept as a row in {@code clients} until the HTTP cache lifetime ends (Cache-Control max-age, clamped to
 * [{@value #MIN_TTL_SECONDS} s, 24 h]; 5 min without one), then fetched again.
 */
@ApplicationScoped
public class ClientMetadataDocuments {

    private static final long MIN_TTL_SECONDS = 60;
    private static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    private static final Duration MAX_TTL = Duration.ofHours(24);
    private static final Logger LOG = Logger.getLogger(ClientMetadataDocuments.class);

    @Inject
    MetadataDocumentFetcher fetcher;

    @Inject
    ClientRegistrar registrar;

    @Inject
    ObjectMapper json;

    @Inject
    FetchGuard guard;

    @Inject
    Clock clock;

    /** Whether the client id is a metadata document URL (any other id is a registered client). */
    public static boolean isDocumentUrl(String clientId) {
        return clientId != null && (clientId.startsWith("https://") || clientId.startsWith("http://"));
    }

    /** The host the consent page shows for a document client, or null for other clients. */
    public static String host(String clientId) {
        return isDocumentUrl(clientId) ? URI.create(clientId).getHost() : null;
    }

    /**
     * The client the document describes (cached or fetched now); fails with a message safe to show, or with
     * {@link FetchUnavailable} when a limit says to try again later.
     */
    public Client resolve(String clientId) throws MetadataDocumentFetcher.FetchRefused {
        URI url = validUrl(clientId);
        Instant now = clock.instant();
        Optional<Client> cached = QuarkusTransaction.requiringNew().call(() -> Client.findByClientId(clientId));
        if (cached.isPresent() && cached.get().metadataExpiresAt != null && cached.get().metadataExpiresAt.isAfter(now)) {
            return cached.get();
        }
        // Every fetch failure says only FetchGuard.NOT_FETCHED; a document fetched but invalid says why, and is
        // remembered as invalid for a short while like a failure
        MetadataDocumentFetcher.Fetched fetched = fetcher.fetch(url);
        ClientIdMetadataDocument document;
        try {
            document = json.readValue(fetched.body(), ClientIdMetadataDocument.class);
        } catch (IOException e) {
            throw invalid(url, "The client metadata document is not a JSON object");
        }
        if (!clientId.equals(document.clientId())) {
            // draft-ietf-oauth-client-id-metadata-document §4.1: client_id must equal the document URL
            throw invalid(url, "The document's client_id differs from its URL");
        }
        String method = document.tokenEndpointAuthMethod() == null ? ClientAuthMethod.NONE.wire() : document.tokenEndpointAuthMethod();
        if (document.clientSecret() != null || !List.of(ClientAuthMethod.NONE.wire(), ClientAuthMethod.PRIVATE_KEY_JWT.wire()).contains(method)) {
            // §4.2: no shared secret can exist for a document client
            throw invalid(url, "A client metadata document cannot use a client secret");
        }
        if (document.grantTypes() != null && document.grantTypes().contains(GrantType.CLIENT_CREDENTIALS.wire())) {
            throw invalid(url, "A client metadata document cannot use client_credentials");
        }
        Duration ttl = fetched.maxAge().map(age -> age.getSeconds() < MIN_TTL_SECONDS ? Duration.ofSeconds(MIN_TTL_SECONDS) : age)
                .map(age -> age.compareTo(MAX_TTL) > 0 ? MAX_TTL : age).orElse(DEFAULT_TTL);
        ClientRegistrationRequest metadata = new ClientRegistrationRequest(document.redirectUris(), method,
                document.grantTypes(), document.responseTypes(), document.clientName(), document.clientUri(), null,
                document.scope(), null, null, null, null, document.jwksUri(), document.jwks());
        try {
            return registrar.storeDocumentClient(clientId, metadata, now, now.plus(ttl));
        } catch (OAuthProblem problem) {
            throw invalid(url, "The client metadata document is invalid: " + problem.getMessage());
        }
    }

    private MetadataDocumentFetcher.FetchRefused invalid(URI url, String message) {
        LOG.infof("Client metadata document %s refused: %s", url, message);
        return guard.remember(url, new MetadataDocumentFetcher.FetchRefused(message));
    }

    /** §3: an https URL with a path, no fragment, no user info, no dot segments. */
    private URI validUrl(String clientId) throws MetadataDocumentFetcher.FetchRefused {
        try {
            URI url = new URI(clientId);
            String path = url.getRawPath();
            if (clientId.length() > 2048 || url.getHost() == null || url.getRawFragment() != null || url.getRawUserInfo() != null
                    || path == null || path.isEmpty() || "/".equals(path) || path.contains("/./") || path.contains("/../")
                    || path.endsWith("/.") || path.endsWith("/..")) {
                throw new MetadataDocumentFetcher.FetchRefused("The client_id URL is not a valid metadata document URL");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new MetadataDocumentFetcher.FetchRefused("The client_id URL is not a valid metadata document URL");
        }
    }
}
