package dev.portcullis.client.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.client.CredentialStorageException;
import dev.portcullis.common.oauth.AuthorizationServerMetadata;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCredentialStoreTest {

    static final String ISSUER = "http://localhost:9000";

    @TempDir
    Path temp;

    static StoredCredentials record(String resource, String accessToken, String refreshToken) {
        AuthorizationServerMetadata metadata = new AuthorizationServerMetadata(ISSUER, ISSUER + "/authorize",
                ISSUER + "/token", null, null, null, null, null, List.of("mcp:tools"), null, null, null, null, null,
                null, null, List.of("S256"), true, null, null, null);
        return new StoredCredentials(resource, ISSUER, metadata, "client-1", null, "none", accessToken,
                Instant.parse("2026-01-01T01:00:00Z"), List.of("mcp:tools"), refreshToken);
    }

    @Test
    void savedRecord_roundTripsInA0600FileInsideA0700Directory() throws Exception {
        Path home = temp.resolve("portcullis");
        FileCredentialStore store = new FileCredentialStore(home);
        StoredCredentials saved = record("http://localhost:8080/mcp", "at-secret", "rt-secret");
        store.save(saved);

        Path file = store.fileFor(ISSUER, "http://localhost:8080/mcp");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        assertEquals(saved, store.load(ISSUER, "http://localhost:8080/mcp").orElseThrow());
        String json = Files.readString(file);
        assertTrue(json.contains("\"refresh_token\" : \"rt-secret\""), json);
        assertTrue(json.contains("\"expires_at\" : \"2026-01-01T01:00:00Z\""), json);
        assertTrue(json.contains("\"token_endpoint\" : \"http://localhost:9000/token\""), json);
    }

    @Test
    void overwrite_replacesTheFileAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        FileCredentialStore store = new FileCredentialStore(temp);
        store.save(record("http://localhost:8080/mcp", "at-1", "rt-1"));
        store.save(record("http://localhost:8080/mcp", "at-2", "rt-2"));
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(List.of(store.fileFor(ISSUER, "http://localhost:8080/mcp")), files.toList());
        }
        assertEquals("rt-2", store.load(ISSUER, "http://localhost:8080/mcp").orElseThrow().refreshToken());
    }

    @Test
    void fileName_dependsOnIssuerAndNormalisedResource() {
        FileCredentialStore store = new FileCredentialStore(temp);
        assertEquals(store.fileFor(ISSUER, "http://LOCALHOST:8080/mcp/"), store.fileFor(ISSUER, "http://localhost:8080/mcp"));
        assertFalse(store.fileFor(ISSUER, "http://localhost:8080/mcp").equals(store.fileFor("http://other", "http://localhost:8080/mcp")));
        assertTrue(store.fileFor(ISSUER, "http://localhost:8080/mcp").getFileName().toString().matches("[0-9a-f]{32}\\.json"));
    }

    @Test
    void findByResourceAndDelete_matchNormalisedUrls() {
        FileCredentialStore store = new FileCredentialStore(temp);
        store.save(record("http://localhost:8080/mcp", "a", "r"));
        store.save(record("http://localhost:8081/mcp", "b", "s"));
        assertEquals("a", store.findByResource(URI.create("http://localhost:8080/mcp/")).get(0).accessToken());
        store.delete(ISSUER, "http://localhost:8080/mcp/");
        assertTrue(store.findByResource(URI.create("http://localhost:8080/mcp")).isEmpty());
        assertEquals(1, store.findByResource(URI.create("http://localhost:8081/mcp")).size());
    }

    @Test
    void missingDirectory_findsNothing() {
        assertTrue(new FileCredentialStore(temp.resolve("absent")).findByResource(URI.create("http://x/mcp")).isEmpty());
    }

    @Test
    void corruptFile_failsWithAnActionableMessage() throws Exception {
        FileCredentialStore store = new FileCredentialStore(temp);
        Files.writeString(store.fileFor(ISSUER, "http://localhost:8080/mcp"), "{not json");
        CredentialStorageException e = assertThrows(CredentialStorageException.class,
                () -> store.load(ISSUER, "http://localhost:8080/mcp"));
        assertTrue(e.getMessage().contains("logout"), e.getMessage());
    }

    @Test
    void toString_redactsEverySecret() {
        StoredCredentials c = new StoredCredentials("http://r/mcp", ISSUER, null, "client-1", "cs-VALUE",
                "client_secret_post", "at-VALUE", null, List.of(), "rt-VALUE");
        String text = c.toString();
        assertFalse(text.contains("VALUE"), text);
        assertTrue(text.contains("client-1"), text);
    }

    @Test
    void expiry_countsTheMargin() {
        StoredCredentials c = record("http://r/mcp", "a", "r");
        Clock early = Clock.fixed(Instant.parse("2026-01-01T00:59:00Z"), ZoneOffset.UTC);
        Clock late = Clock.fixed(Instant.parse("2026-01-01T00:59:31Z"), ZoneOffset.UTC);
        assertFalse(c.expiresWithin(Duration.ofSeconds(30), early));
        assertTrue(c.expiresWithin(Duration.ofSeconds(30), late));
    }

    @Test
    void issueTime_isStoredAndGivesTheLifetime() throws Exception {
        FileCredentialStore store = new FileCredentialStore(temp);
        StoredCredentials r = record("http://localhost:8080/mcp", "a", "r");
        StoredCredentials saved = new StoredCredentials(r.resource(), r.issuer(), r.authorizationServer(), r.clientId(),
                null, "none", "a", Instant.parse("2026-01-01T00:59:54Z"), r.expiresAt(), r.scopes(), "r");
        store.save(saved);
        assertTrue(Files.readString(store.fileFor(ISSUER, r.resource())).contains("\"issued_at\" : \"2026-01-01T00:59:54Z\""));
        StoredCredentials loaded = store.load(ISSUER, r.resource()).orElseThrow();
        assertEquals(saved, loaded);
        assertEquals(Duration.ofSeconds(6), loaded.lifetime());
    }
}
