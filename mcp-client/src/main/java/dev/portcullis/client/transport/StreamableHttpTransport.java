package dev.portcullis.client.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.client.McpClientException;
import dev.portcullis.client.McpProtocolException;
import dev.portcullis.client.TransientException;
import dev.portcullis.client.http.Http;
import dev.portcullis.client.http.HttpResult;
import dev.portcullis.client.http.Json;
import dev.portcullis.client.token.AuthClient;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The client side of MCP Streamable HTTP (MCP 2025-03-26+ "Transports"): JSON-RPC messages POSTed to one URL, answers
 * as JSON or as an SSE stream, the session id of the {@code initialize} answer echoed on every later request. Every
 * request goes through the authorization's {@link AuthClient} (bearer token, refresh after 401, step-up after 403).
 */
public final class StreamableHttpTransport implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StreamableHttpTransport.class);
    private static final String ACCEPT = "application/json, text/event-stream";

    private final Http http;
    private final URI url;
    private final AuthClient auth;
    private final McpEndpoint endpoint;
    private final AtomicLong ids = new AtomicLong();
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile boolean closed;

    public StreamableHttpTransport(Http http, URI url, AuthClient auth) {
        this.http = http;
        this.url = url;
        this.auth = auth;
        this.endpoint = http.client(url, McpEndpoint.class, auth.bearerFilter());
    }

    /** Sends a request and returns its {@code result}; a JSON-RPC error becomes {@link McpProtocolException}. */
    public JsonNode request(String method, JsonNode params) {
        long id = ids.incrementAndGet();
        // tools/call may act on the world: never repeated after the server might have run it
        HttpResult result = post(Json.write(JsonRpcRequest.request(id, method, params)), !"tools/call".equals(method));
        if (result.status() != 200) {
            throw new McpProtocolException(0, "HTTP " + result.status() + " in answer to " + method + " at " + url);
        }
        String session = result.header("Mcp-Session-Id");
        if (session != null && sessionId == null) {
            sessionId = session;
        }
        JsonRpcMessage response = find(result, id, method);
        if (response.error() != null) {
            throw new McpProtocolException(response.error().code(), response.error().message());
        }
        if (response.result() == null) {
            throw new McpProtocolException(0, "the answer to " + method + " has neither result nor error");
        }
        return response.result();
    }

    /** Sends a notification; the server accepts it with 202. */
    public void notify(String method, JsonNode params) {
        HttpResult result = post(Json.write(JsonRpcRequest.notification(method, params)), true);
        if (!result.isSuccess()) {
            throw new McpProtocolException(0, "HTTP " + result.status() + " in answer to " + method + " at " + url);
        }
    }

    /** Set once {@code initialize} agreed on a revision; sent as {@code MCP-Protocol-Version} from then on. */
    public void protocolVersion(String version) {
        this.protocolVersion = version;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Ends the session with an HTTP DELETE (405: the server does not allow it, which is fine) and frees the client. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (sessionId != null) {
                // with the last token: closing must not refresh or, worse, start a sign-in
                HttpResult result = auth.sendWithLastToken(
                        () -> http.send(url, endpoint, e -> e.delete(sessionId, protocolVersion), true));
                if (!result.isSuccess() && result.status() != 405 && result.status() != 404) {
                    LOG.debugf("Closing the MCP session at %s answered %d", url, result.status());
                }
            }
        } catch (McpClientException e) {
            LOG.debugf("Could not close the MCP session at %s: %s", url, e.getMessage());
        } finally {
            sessionId = null;
            Http.close(endpoint);
        }
    }

    private HttpResult post(String body, boolean idempotent) {
        HttpResult result = auth.send(url, () -> send(body, idempotent));
        if (result.status() == 404 && sessionId != null) {
            throw new McpClientException("The MCP session at " + url + " has ended on the server. Connect again.");
        }
        if (result.isServerError()) {
            throw new TransientException("The MCP server at " + url + " failed with HTTP " + result.status()
                    + ". Try again later.");
        }
        return result;
    }

    private HttpResult send(String body, boolean idempotent) {
        if (closed) {
            throw new IllegalStateException("The MCP session is closed");
        }
        return http.send(url, endpoint, e -> e.post(ACCEPT, sessionId, protocolVersion, body), idempotent);
    }

    private JsonRpcMessage find(HttpResult result, long id, String method) {
        String type = result.mediaType();
        if (type.equals("text/event-stream")) {
            for (SseParser.SseEvent event : SseParser.parse(result.body())) {
                if (event.event().equals("message")) {
                    JsonRpcMessage message = parse(event.data());
                    if (message != null && message.isResponseTo(id)) {
                        return message;
                    }
                }
            }
            throw new McpProtocolException(0, "the event stream answering " + method + " ended without a response");
        }
        if (type.equals("application/json")) {
            try {
                JsonNode node = Json.MAPPER.readTree(result.body());
                for (JsonNode item : node.isArray() ? node : java.util.List.of(node)) {
                    JsonRpcMessage message = Json.MAPPER.treeToValue(item, JsonRpcMessage.class);
                    if (message.isResponseTo(id)) {
                        return message;
                    }
                }
            } catch (JsonProcessingException e) {
                throw new McpProtocolException(0, "the answer to " + method + " is not valid JSON");
            }
            throw new McpProtocolException(0, "the answer to " + method + " does not respond to request " + id);
        }
        throw new McpProtocolException(0, "unexpected content type \"" + result.header("Content-Type")
                + "\" in answer to " + method);
    }

    private static JsonRpcMessage parse(String data) {
        return Json.read(data, JsonRpcMessage.class).orElse(null);
    }
}
