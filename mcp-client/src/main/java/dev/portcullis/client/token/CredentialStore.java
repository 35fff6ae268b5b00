package dev.portcullis.client.token;

import dev.portcullis.client.discovery.ResourceUri;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where credential records live: one record per (issuer, resource). {@link FileCredentialStore} keeps them on disk for
 * the command line and any program that outlives its process; {@link InMemoryCredentialStore} keeps them for the life
 * of the process (the seed's "tokens are stored in memory"). An application may bring its own (a keychain, a
 * database): records hold refresh tokens and client secrets, so such a store must be as private as the user's own
 * files, and {@link #withLock} must exclude every other refresher of the same record, not just this process's threads.
 */
public interface CredentialStore {

    /** Stores the record, replacing the one for its (issuer, resource) whole or not at all. */
    void save(StoredCredentials credentials);

    Optional<StoredCredentials> load(String issuer, String resource);

    /** Every stored record. */
    List<StoredCredentials> all();

    void delete(String issuer, String resource);

    /**
     * Runs {@code action} while no other refresher of the record for (issuer, resource) runs: refresh tokens rotate,
     * so the loser of a race would present a used token, which the server treats as reuse (RFC 9700 §4.14.2).
     */
    <T> T withLock(String issuer, String resource, Supplier<T> action);

    /** Where the records are, for messages to the user (a directory, "memory"). */
    String location();

    /** The records for a server URL (normally one; several when it changed authorization server). */
    default List<StoredCredentials> findByResource(URI serverUrl) {
        return all().stream().filter(c -> sameResource(c, serverUrl)).toList();
    }

    /** The key of a record: its issuer and its normalised resource. */
    static String key(String issuer, String resource) {
        return issuer + "\n" + ResourceUri.normalise(URI.create(resource));
    }

    private static boolean sameResource(StoredCredentials credentials, URI serverUrl) {
        try {
            return ResourceUri.same(URI.create(credentials.resource()), serverUrl);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
