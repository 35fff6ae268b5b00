package dev.portcullis.client;

import dev.portcullis.client.fake.FakeServersTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.client.fake.FakeHttp;
import dev.portcullis.client.token.InMemoryCredentialStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One authorization policy for the MCP transport and for REST clients (token.AuthClient), the bearer filter on an
 * application's own REST Client, the application's REST Client configuration and its own credential store.
 */
@QuarkusTest
class AuthorizationPolicyTest extends FakeServersTest {

    @Path("")
    public interface RawMcpApi {
        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        String post(@HeaderParam("Accept") String accept, String body);
    }

    @Path("/notes")
    public interface NotesApi {
        @GET
        @Path("/{id}")
        String note(@PathParam("id") String id);
    }

    static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";


    HttpServer api;
    /** "path Authorization X-App" of every request the API saw. */
    final List<String> apiRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/notes/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            apiRequests.add(path + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("X-App"));
            if (path.equals("/notes/moved")) {
                exchange.getResponseHeaders().set("Location", base() + "/notes/elsewhere");
                FakeHttp.send(exchange, 302, "text/plain", "moved");
            } else {
                FakeHttp.send(exchange, 200, "text/plain", "note " + path.substring(7));
            }
        });
        api.setExecutor(Executors.newCachedThreadPool());
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + api.getAddress().getPort());
    }

    PortcullisClient.Builder client() {
        return builder().clock(clock);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer realm=\"mcp\"", "Bearer error=\"invalid_token\""})
    void a403ThatNoTokenChanges_isAccessDeniedOnTheTransportAndOnRestClientsAlike(String challenge) {
        try (PortcullisClient client = client().build()) {
            McpSession session = client.connect(mcp.url());
            RawMcpApi raw = client.authorizedClient(mcp.url(), RawMcpApi.class);
            mcp.forbiddenChallenge = challenge;

            AccessDeniedException onTransport = assertThrows(AccessDeniedException.class, session::listTools);
            AccessDeniedException onRestClient = assertThrows(AccessDeniedException.class,
                    () -> raw.post("application/json, text/event-stream", TOOLS_LIST));

            assertEquals(403, onTransport.status());
            assertEquals(403, onRestClient.status());
            assertTrue(onTransport.getMessage().contains("ask its administrator"), onTransport.getMessage());
            assertEquals(1, as.authorizationRequests.size(), "a refusal is not a reason to sign in again");
            assertEquals(0, as.refreshCount.get(), "nor to refresh");
            session.close();
        }
    }

    @Test
    void insufficientScope_stepsUpOnTheRestClientAsOnTheTransport() {
        try (PortcullisClient client = client().build()) {
            RawMcpApi raw = client.authorizedClient(mcp.url(), RawMcpApi.class);
            mcp.callScope = "notes:write";

            String answer = raw.post("application/json, text/event-stream",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"message\":\"stepped up\"}}}");

            assertTrue(answer.contains("\"result\"") && answer.contains("stepped up"), answer);
            assertEquals(2, as.authorizationRequests.size());
            assertTrue(as.authorizationRequests.get(1).get("scope").contains("notes:write"),
                    as.authorizationRequests.get(1).toString());
        }
    }

    @Test
    void theBearerFilterOnAnApplicationsOwnRestClient_sendsTheTokenRefreshedBeforeExpiry() throws Exception {
        try (PortcullisClient client = client().build()) {
            client.login(mcp.url());
            String first = client.credentials(mcp.url()).orElseThrow().accessToken();
            NotesApi notes = RestClientBuilder.newBuilder().baseUri(base()).connectTimeout(5, TimeUnit.SECONDS)
                    .register(client.bearerFilter(mcp.url())).build(NotesApi.class);

            assertEquals("note 1", notes.note("1"));
            clock.advance(Duration.ofMinutes(59).plusSeconds(45)); // within the refresh margin of a one-hour token
            assertEquals("note 2", notes.note("2"));

            String second = client.credentials(mcp.url()).orElseThrow().accessToken();
            assertTrue(!first.equals(second), "refreshed");
            assertEquals(1, as.refreshCount.get());
            assertEquals(List.of("/notes/1 Bearer " + first + " null", "/notes/2 Bearer " + second + " null"),
                    apiRequests);
            ((AutoCloseable) notes).close();
        }
    }

    @Test
    void theApplicationsRestClientConfiguration_appliesToEveryClient_butBaseUrlAndRedirectsStayOurs() throws Exception {
        ClientRequestFilter tag = request -> request.getHeaders().putSingle("X-App", "demo");
        URI elsewhere = URI.create("http://127.0.0.1:9/elsewhere");
        try (PortcullisClient client = client()
                .restClient(builder -> builder.register(tag).followRedirects(true).baseUri(elsewhere)).build()) {
            NotesApi notes = client.authorizedClient(mcp.url(), base(), NotesApi.class);

            assertEquals("note 3", notes.note("3"));
            assertThrows(RuntimeException.class, () -> notes.note("moved"));

            String token = client.credentials(mcp.url()).orElseThrow().accessToken();
            assertEquals(List.of("/notes/3 Bearer " + token + " demo", "/notes/moved Bearer " + token + " demo"),
                    apiRequests, "sent to the checked base URL; the redirect to /notes/elsewhere was not followed");
            ((AutoCloseable) notes).close();
        }
    }

    @Test
    void anInMemoryCredentialStore_keepsNothingOnDisk() throws Exception {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        try (PortcullisClient client = client().credentialStore(store).build();
                McpSession session = client.connect(mcp.url())) {
            assertEquals(List.of("whoami", "echo"), session.listTools().stream().map(McpTool::name).toList());
            assertEquals("memory", client.credentialsLocation());
            assertEquals(1, store.all().size());
            assertEquals(store.all(), client.storedCredentials());
        }
        try (Stream<java.nio.file.Path> files = Files.list(home)) {
            assertEquals(List.of(), files.toList());
        }
    }
}
