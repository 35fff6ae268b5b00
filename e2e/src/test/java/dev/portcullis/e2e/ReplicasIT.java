package dev.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two auth-server processes on one PostgreSQL behave as one server: what one issues, the other honours or revokes.
 * There is no state that matters in a replica's memory.
 */
@ExtendWith(StackExtension.class)
class ReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedPostgres database;
    private static AuthReplicas replicas;
    private static String a;
    private static String b;
    private static OAuthFlow oauth;

    @BeforeAll
    static void startTwoReplicasOnOneDatabase(Stack stack) throws Exception {
        Path dir = Files.createTempDirectory(stack.work, "replicas");
        // A database as production would have one: a password for every connection (zonky's default is trust).
        // zonky passes its "locale" settings to initdb after its own -A trust, and initdb keeps the last --auth.
        // zonky unpacks its binaries into /tmp/embedded-pg and makes it writable by everyone; here into a directory
        // only we can enter (stack.work is a temporary directory, mode 0700)
        System.setProperty("ot.epg.working-dir", stack.work.resolve("zonky").toString());
        String password = UUID.randomUUID().toString();
        Path passwordFile = Files.createTempFile(dir, "pg", ".password"); // 0600
        Files.writeString(passwordFile, password);
        database = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                .setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString())
                .setConnectConfig("password", password)
                .setServerConfig("listen_addresses", "localhost").setServerConfig("unix_socket_directories", "")
                .start();
        replicas = new AuthReplicas(database.getJdbcUrl("postgres", "postgres"), "postgres", password, stack.mcpUrl,
                Map.of(), dir);
        replicas.start(2);
        a = replicas.get(0).url();
        b = replicas.get(1).url();
        oauth = new OAuthFlow(stack);
    }

    @AfterAll
    static void stop() throws Exception {
        if (replicas != null) {
            replicas.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void codeIssuedByOneReplicaIsRedeemedAtTheOther() throws Exception {
        JsonNode tokens = oauth.tokens("mcp:tools", a, b);
        assertTrue(tokens.hasNonNull("access_token"), tokens.toString());
        assertTrue(tokens.hasNonNull("refresh_token"), tokens.toString());
    }

    @Test
    void refreshRotatedAtOneReplicaAndReusedAtTheOtherRevokesTheFamily() throws Exception {
        JsonNode tokens = oauth.tokens("mcp:tools", a, a);
        String clientId = tokens.get("client_id").asText();
        String first = tokens.get("refresh_token").asText();

        HttpResponse<String> rotated = oauth.refresh(b, clientId, first);
        assertEquals(200, rotated.statusCode(), rotated.body());
        String second = JSON.readTree(rotated.body()).get("refresh_token").asText();
        assertNotEquals(first, second);

        // presented again at the other replica while the successor is unused: the same answer (rotation grace period)
        HttpResponse<String> retried = oauth.refresh(a, clientId, first);
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals(second, JSON.readTree(retried.body()).get("refresh_token").asText());

        HttpResponse<String> used = oauth.refresh(a, clientId, second);
        assertEquals(200, used.statusCode(), used.body());
        String third = JSON.readTree(used.body()).get("refresh_token").asText();

        // the successor has been used: presenting the first token now is reuse, at either replica
        HttpResponse<String> reuse = oauth.refresh(b, clientId, first);
        assertEquals(400, reuse.statusCode(), reuse.body());
        assertEquals("invalid_grant", JSON.readTree(reuse.body()).get("error").asText());

        HttpResponse<String> afterRevocation = oauth.refresh(a, clientId, third);
        assertEquals(400, afterRevocation.statusCode(), "the whole family is revoked: " + afterRevocation.body());
        assertEquals("invalid_grant", JSON.readTree(afterRevocation.body()).get("error").asText());
    }

    @Test
    void bothReplicasPublishTheSameSigningKeys() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String jwksA = http.send(HttpRequest.newBuilder(URI.create(a + "/jwks")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String jwksB = http.send(HttpRequest.newBuilder(URI.create(b + "/jwks")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertEquals(JSON.readTree(jwksA), JSON.readTree(jwksB));
    }
}
