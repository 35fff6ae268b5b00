package dev.portcullis.mcp.config;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns off HTTP/2 over cleartext (h2c) on the plain HTTP listener; HTTPS keeps HTTP/2 through ALPN. Vert.x 4.5
 * converts the HTTP/1.1 request of an h2c upgrade into HTTP/2 headers with {@code set}, so a field sent twice arrives
 * once, with its last value: two {@code Authorization} headers (RFC 6750 §3.1 wants them refused) or two
 * {@code Origin} headers could not be seen as such. Clients then simply talk HTTP/1.1, as every MCP client does over
 * plain HTTP.
 */
@ApplicationScoped
public class NoCleartextHttp2Upgrade implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
