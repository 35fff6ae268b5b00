package dev.portcullis.auth.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.auth.cimd.ClientMetadataDocuments;
import dev.portcullis.auth.cimd.MetadataDocumentFetcher;
import dev.portcullis.auth.cimd.UnusableDocument;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The one client lookup, for every endpoint, through a small per-replica cache with a short life (the token endpoint would
 * otherwise read the same row on every request), and notes when they were last used (for the purge of stale
 * dynamic registrations). A registration deleted on this replica is evicted at once; on another replica it is
 * forgotten within {@link #CACHE_LIFE} (its codes and refresh tokens are deleted with it immediately).
 */
@ApplicationScoped
public class Clients {

    static final Duration CACHE_LIFE = Duration.ofSeconds(5);
    private static final int CACHE_SIZE = 10_000;
    /** {@code last_used_at} is written at most this often per client, to keep writes off the hot path. */
    private static final Duration TOUCH_INTERVAL = Duration.ofHours(1);

    @Inject
    Clock clock;

    @Inject
    ClientMetadataDocuments documents;

    /**
     * Found clients, for {@link #CACHE_LIFE} after they were read, on the injected clock. Filled by hand rather than
     * by a loading {@code get}: a lookup may fetch a metadata document, which must not run inside the cache's lock.
     */
    private final Cache<String, Client> cache = Caffeine.newBuilder().maximumSize(CACHE_SIZE).expireAfterWrite(CACHE_LIFE)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();

    /**
     * The client the id names; empty when there is none. A document client whose document cannot be used fails
     * with {@link UnusableDocument}, for the endpoint to answer in its own format.
     */
    public Optional<Client> find(String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.length() > 2048) {
            return Optional.empty();
        }
        Client cached = cache.getIfPresent(clientId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Client> client = ClientMetadataDocuments.isDocumentUrl(clientId) ? document(clientId)
                : Client.findByClientId(clientId);
        if (client.isPresent()) {
            cache.put(clientId, client.get());
        } else {
            cache.invalidate(clientId);
        }
        return client;
    }

    /** The document client; {@link UnusableDocument} when its document cannot be used, now or at all. */
    private Optional<Client> document(String clientId) {
        try {
            return Optional.of(documents.resolve(clientId));
        } catch (MetadataDocumentFetcher.FetchRefused e) {
            throw new UnusableDocument(e);
        }
    }

    public void evict(String clientId) {
        cache.invalidate(clientId);
    }

    public void touch(Client client) {
        Instant now = clock.instant();
        if (client.lastUsedAt != null && client.lastUsedAt.plus(TOUCH_INTERVAL).isAfter(now)) {
            return;
        }
        client.lastUsedAt = now;
        QuarkusTransaction.requiringNew().run(() ->
                Client.update("lastUsedAt = ?1 where clientId = ?2", now, client.clientId));
    }
}
