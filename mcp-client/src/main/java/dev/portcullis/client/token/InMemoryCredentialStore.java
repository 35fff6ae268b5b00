package dev.portcullis.client.token;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Records held for the life of the process and never written anywhere: for applications that keep no credentials
 * between runs, or that persist them themselves. Refreshes of one record are serialised by a lock per record.
 */
public final class InMemoryCredentialStore implements CredentialStore {

    private final ConcurrentMap<String, StoredCredentials> records = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    @Override
    public void save(StoredCredentials credentials) {
        records.put(CredentialStore.key(credentials.issuer(), credentials.resource()), credentials);
    }

    @Override
    public Optional<StoredCredentials> load(String issuer, String resource) {
        return Optional.ofNullable(records.get(CredentialStore.key(issuer, resource)));
    }

    @Override
    public List<StoredCredentials> all() {
        return List.copyOf(records.values());
    }

    @Override
    public void delete(String issuer, String resource) {
        records.remove(CredentialStore.key(issuer, resource));
    }

    @Override
    public <T> T withLock(String issuer, String resource, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(CredentialStore.key(issuer, resource), k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String location() {
        return "memory";
    }
}
