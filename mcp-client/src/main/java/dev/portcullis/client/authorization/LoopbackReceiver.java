package dev.portcullis.client.authorization;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.client.AuthorizationRequiredException;
import dev.portcullis.client.TransientException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A one-shot redirect listener for native apps (RFC 8252 §7.3): bound to 127.0.0.1 on a port the system picks,
 * path {@code /callback}; the first request there completes it, then it stops.
 */
public final class LoopbackReceiver implements AutoCloseable {

    public static final String PATH = "/callback";

    private static final String PAGE = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Portcullis</title></head>"
            + "<body><h1>%s</h1><p>You can close this window and return to the terminal.</p></body></html>";

    private final HttpServer server;
    private final ExecutorService executor;
    private final CompletableFuture<String> query = new CompletableFuture<>();

    private LoopbackReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static LoopbackReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "portcullis-callback");
                t.setDaemon(true);
                return t;
            });
            LoopbackReceiver receiver = new LoopbackReceiver(server, executor);
            server.createContext("/", receiver::handle);
            server.setExecutor(executor);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new TransientException("Could not open a local port for the sign-in redirect: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>/callback}: an IP literal, not "localhost" (RFC 8252 §8.3). */
    public URI redirectUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** Waits for the redirect and returns its raw query string. */
    public String await(Duration timeout) {
        try {
            return query.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AuthorizationRequiredException("No sign-in completed within " + timeout.toSeconds()
                    + " seconds. Run the command again and finish signing in in the browser.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthorizationRequiredException("Interrupted while waiting for the sign-in to complete.");
        } catch (ExecutionException e) {
            throw new AuthorizationRequiredException("The sign-in redirect failed: " + e.getCause().getMessage());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            if (!"GET".equals(exchange.getRequestMethod()) || !PATH.equals(uri.getPath()) || query.isDone()) {
                respond(exchange, 404, "Not found");
                return;
            }
            String raw = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            respond(exchange, 200, raw.contains("error=") ? "Sign-in did not complete" : "Signed in");
            query.complete(raw);
        }
    }

    private static void respond(HttpExchange exchange, int status, String title) throws IOException {
        byte[] body = String.format(PAGE, title).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
