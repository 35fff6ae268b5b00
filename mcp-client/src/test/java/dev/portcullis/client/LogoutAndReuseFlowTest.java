package dev.portcullis.client;

import dev.portcullis.client.fake.FakeServersTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Logout revokes (RFC 7009); a second login reuses the registration; plain http only to this machine. */
@QuarkusTest
class LogoutAndReuseFlowTest extends FakeServersTest {


    final List<String> progress = new CopyOnWriteArrayList<>();

    PortcullisClient client() {
        return builder().progress(progress::add).build();
    }

    @Test
    void logoutWithARevocationEndpoint_revokesTheRefreshTokenThenDeletesTheRecord() {
        try (PortcullisClient client = client()) {
            client.login(mcp.url());
            String refreshToken = client.credentials(mcp.url()).orElseThrow().refreshToken();

            client.logout(mcp.url());

            assertEquals(1, as.revocations.size());
            assertEquals(refreshToken, as.revocations.get(0).get("token"));
            assertEquals("refresh_token", as.revocations.get(0).get("token_type_hint"));
            assertEquals("client-1", as.revocations.get(0).get("client_id"));
            assertTrue(client.credentials(mcp.url()).isEmpty());
        }
    }

    @Test
    void logoutWhenRevocationFails_stillDeletesTheRecordAndSaysSo() {
        as.revocationStatus = 401;
        try (PortcullisClient client = client()) {
            client.login(mcp.url());

            client.logout(mcp.url());

            assertTrue(client.credentials(mcp.url()).isEmpty());
            assertTrue(progress.stream().anyMatch(line -> line.startsWith("warning: could not revoke the refresh token")
                    && line.contains("deleted anyway")), progress.toString());
            assertTrue(progress.stream().noneMatch(line -> line.contains("rt-")), "no token in messages");
        }
    }

    @Test
    void secondLoginAtTheSameIssuer_reusesTheStoredRegistration() {
        try (PortcullisClient client = client()) {
            client.login(mcp.url());
            client.login(mcp.url());
        }
        assertEquals(1, as.registrations.size());
        assertEquals(2, as.authorizationRequests.size());
        assertEquals("client-1", as.authorizationRequests.get(1).get("client_id"));
    }

    @Test
    void plainHttpToAnotherHost_isRefusedBeforeAnyRequest() {
        try (PortcullisClient client = PortcullisClient.builder().home(home).allowInsecureHttp(false).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.login(URI.create("http://mcp.example.com/mcp")));
            assertTrue(e.getMessage().contains("https"), e.getMessage());
        }
    }

    @Test
    void plainHttpToLoopbackNames_isAllowed() {
        assertTrue(dev.portcullis.client.http.Http.secureEnough(URI.create("http://localhost:8080/mcp")));
        assertTrue(dev.portcullis.client.http.Http.secureEnough(URI.create("http://127.0.0.1/mcp")));
        assertTrue(dev.portcullis.client.http.Http.secureEnough(URI.create("http://[::1]:9000/")));
        assertTrue(dev.portcullis.client.http.Http.secureEnough(URI.create("https://mcp.example.com/mcp")));
        assertEquals(false, dev.portcullis.client.http.Http.secureEnough(URI.create("http://127.example.com/mcp")));
    }
}
