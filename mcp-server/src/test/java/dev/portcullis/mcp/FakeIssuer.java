package dev.portcullis.mcp;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The part of an authorization server a resource server talks to: OpenID discovery and the JWKS. Tests sign access
 * tokens with its private key through smallrye-jwt-build (key location handed over as configuration).
 */
public class FakeIssuer implements QuarkusTestResourceLifecycleManager,
        io.quarkus.test.common.DevServicesContext.ContextAware {

    public static final String KEY_ID = "test-key-1";
    private HttpServer server;
    private boolean integrationTest;
    private Path keyFile;

    @Override
    public void setIntegrationTestContext(io.quarkus.test.common.DevServicesContext context) {
        integrationTest = true;
    }

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            keyFile = Files.createTempFile("mcp-server-test-key", ".pem");
            Files.writeString(keyFile, pem(keys));

            JsonWebKeySet jwks = new JsonWebKeySet(jwk(keys, KEY_ID));

            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
            String discovery = """
                    {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                     "jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                     "id_token_signing_alg_values_supported":["RS256"],"code_challenge_methods_supported":["S256"]}"""
                    .formatted(issuer);
            server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange, discovery));
            server.createContext("/jwks", exchange -> respond(exchange, jwks.toJson()));
            // key rotation: publishes a new key and hands its private part to the test as a PEM file path
            server.createContext("/rotate", exchange -> {
                try {
                    KeyPair next = KeyPairGenerator.getInstance("RSA").generateKeyPair();
                    String kid = "test-key-" + (jwks.getJsonWebKeys().size() + 1);
                    jwks.addJsonWebKey(jwk(next, kid));
                    Path file = Files.createTempFile("mcp-server-test-key", ".pem");
                    file.toFile().deleteOnExit();
                    Files.writeString(file, pem(next));
                    respond(exchange, "{\"kid\":\"" + kid + "\",\"key\":\"" + file.toUri() + "\"}");
                } catch (Exception e) {
                    throw new IOException(e);
                }
            });
            server.start();
            Map<String, String> config = Map.of(
                    "portcullis.authorization-servers", issuer,
                    "smallrye.jwt.sign.key.location", keyFile.toUri().toString());
            if (integrationTest) {
                // the packaged application gets the map; the test JVM, which signs the tokens, reads these
                config.forEach(System::setProperty);
            }
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the fake authorization server", e);
        }
    }

    private static String pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static RsaJsonWebKey jwk(KeyPair keys, String kid) throws org.jose4j.lang.JoseException {
        RsaJsonWebKey jwk = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk((RSAPublicKey) keys.getPublic());
        jwk.setKeyId(kid);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return jwk;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        try {
            if (keyFile != null) {
                Files.deleteIfExists(keyFile);
            }
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
