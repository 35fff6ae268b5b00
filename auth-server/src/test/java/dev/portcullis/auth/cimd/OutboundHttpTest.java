package dev.portcullis.auth.cimd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbound client connects to the address it checked, not to whatever the name resolves to later: names here
 * resolve only through the test's resolver (the system resolver knows none of them), so a successful fetch proves
 * the connection went to the checked address, and the resolver counts how often it was asked.
 */
class OutboundHttpTest {

    private static final byte[] DOCUMENT = "{\"client_id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    /** Generous: the JVM's first TLS handshake (TLS set-up included) took 9 s on a loaded two-core machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static Vertx vertx;
    private static HttpServer plain;
    private static HttpServer tls;
    private static Path certificate;
    private static final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    private static final AtomicInteger requests = new AtomicInteger();

    private final Map<String, InetAddress[]> dns = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    @BeforeAll
    static void servers() throws Exception {
        vertx = Vertx.vertx();
        io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> handler = request -> {
            requests.incrementAndGet();
            hostHeaders.add(request.getHeader("Host"));
            switch (request.path()) {
                case "/doc" -> request.response().putHeader("Cache-Control", "max-age=60").end(io.vertx.core.buffer.Buffer.buffer(DOCUMENT));
                case "/big" -> request.response().end("x".repeat(10_000));
                case "/slow" -> vertx.setTimer(5_000, t -> request.response().end("late"));
                default -> request.response().setStatusCode(404).end("no");
            }
        };
        plain = vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        tls = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(
                        new PfxOptions().setPath(selfSignedKeyStore().toString()).setPassword("changeit")))
                .requestHandler(handler).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A key pair and certificate for cimd.test made with the JDK's keytool; its certificate (PEM) kept to trust. */
    private static Path selfSignedKeyStore() throws Exception {
        Path dir = Files.createTempDirectory("outbound-tls");
        Path store = dir.resolve("server.p12");
        certificate = dir.resolve("server.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        keytool(keytool, "-genkeypair", "-alias", "cimd", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=cimd.test", "-ext", "SAN=dns:cimd.test", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool(keytool, "-exportcert", "-rfc", "-alias", "cimd", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        return store;
    }

    private static void keytool(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    private OutboundHttp client(Set<String> allowListed, boolean trustTestCertificate) {
        HttpClientOptions options = new HttpClientOptions();
        if (trustTestCertificate) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(certificate.toString()));
        }
        return new OutboundHttp(vertx, allowListed::contains, host -> {
            lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
            if (host.startsWith("slow-dns.")) {
                try {
                    Thread.sleep(5_000); // a DNS server that does not answer in time
                } catch (InterruptedException e) {
                    throw new java.net.UnknownHostException("interrupted");
                }
            }
            InetAddress[] answer = dns.get(host);
            if (answer == null) {
                throw new java.net.UnknownHostException(host);
            }
            return answer;
        }, options);
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void connectsToTheAddressItCheckedAndResolvesOnce() throws Exception {
        dns.put("cimd.test", new InetAddress[] {ip("127.0.0.1")});
        var response = client(Set.of("cimd.test"), false)
                .get(URI.create("http://cimd.test:" + plain.actualPort() + "/doc"), "application/json", 5120, TIMEOUT);
        assertEquals(200, response.status());
        assertArrayEquals(DOCUMENT, response.body());
        assertEquals("max-age=60", response.header("Cache-Control"));
        assertEquals(1, lookups.get("cimd.test").get());
        assertTrue(hostHeaders.contains("cimd.test:" + plain.actualPort()), hostHeaders.toString());
    }

    @Test
    void tlsIsVerifiedForTheHostNameWhileConnectingToThePinnedAddress() throws Exception {
        dns.put("cimd.test", new InetAddress[] {ip("127.0.0.1")});
        dns.put("other.test", new InetAddress[] {ip("127.0.0.1")});
        OutboundHttp client = client(Set.of("cimd.test", "other.test"), true);
        var response = client.get(URI.create("https://cimd.test:" + tls.actualPort() + "/doc"), "application/json", 5120, TIMEOUT);
        assertArrayEquals(DOCUMENT, response.body());
        // Same server, same address, but the certificate is not for this name: refused.
        assertThrows(IOException.class, () -> client.get(URI.create("https://other.test:" + tls.actualPort() + "/doc"),
                "application/json", 5120, TIMEOUT));
        // And a certificate nobody vouches for is refused too.
        assertThrows(IOException.class, () -> client(Set.of("cimd.test"), false)
                .get(URI.create("https://cimd.test:" + tls.actualPort() + "/doc"), "application/json", 5120, TIMEOUT));
    }

    @Test
    void aHostWithAnyNonPublicAddressIsRefusedWithoutConnecting() throws Exception {
        dns.put("rebind.example", new InetAddress[] {ip("93.184.216.34"), ip("10.0.0.7")});
        dns.put("loopback.example", new InetAddress[] {ip("::1")});
        int before = requests.get();
        var refused = assertThrows(MetadataDocumentFetcher.FetchRefused.class, () -> client(Set.of(), false)
                .get(URI.create("https://rebind.example/doc"), "application/json", 5120, TIMEOUT));
        assertTrue(refused.getMessage().contains("non-public"), refused.getMessage());
        // the detail (for the log only) names the address and the range
        assertTrue(refused.getMessage().contains("10.0.0.7 in 10.0.0.0/8"), refused.getMessage());
        assertThrows(MetadataDocumentFetcher.FetchRefused.class, () -> client(Set.of(), false)
                .get(URI.create("https://loopback.example:" + tls.actualPort() + "/doc"), "application/json", 5120, TIMEOUT));
        assertEquals(before, requests.get());
    }

    @Test
    void plainHttpOnlyForAllowListedHostsAndUnresolvableHostsAreRefused() {
        dns.put("cimd.test", new InetAddress[] {InetAddress.getLoopbackAddress()});
        var http = assertThrows(MetadataDocumentFetcher.FetchRefused.class, () -> client(Set.of(), false)
                .get(URI.create("http://cimd.test:" + plain.actualPort() + "/doc"), "application/json", 5120, TIMEOUT));
        assertTrue(http.getMessage().contains("https"), http.getMessage());
        assertThrows(MetadataDocumentFetcher.FetchRefused.class, () -> client(Set.of(), false)
                .get(URI.create("https://nowhere.test/doc"), "application/json", 5120, TIMEOUT));
        assertThrows(MetadataDocumentFetcher.FetchRefused.class, () -> client(Set.of(), false)
                .get(URI.create("file:///etc/passwd"), "application/json", 5120, TIMEOUT));
    }

    @Test
    void bodiesOverTheCapAreRefusedOtherStatusesReportedSlowServersTimeOut() throws Exception {
        dns.put("cimd.test", new InetAddress[] {ip("127.0.0.1")});
        OutboundHttp client = client(Set.of("cimd.test"), false);
        String base = "http://cimd.test:" + plain.actualPort();
        var big = assertThrows(MetadataDocumentFetcher.FetchRefused.class,
                () -> client.get(URI.create(base + "/big"), "application/json", 5120, TIMEOUT));
        assertTrue(big.getMessage().contains("5120"), big.getMessage());
        assertEquals(404, client.get(URI.create(base + "/missing"), "application/json", 5120, TIMEOUT).status());
        long start = System.nanoTime();
        assertThrows(IOException.class, () -> client.get(URI.create(base + "/slow"), "application/json", 5120,
                Duration.ofMillis(500)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
    }

    @Test
    void aSlowNameResolutionCountsAgainstTheDeadline() throws Exception {
        dns.put("slow-dns.test", new InetAddress[] {ip("127.0.0.1")});
        long start = System.nanoTime();
        var slow = assertThrows(IOException.class, () -> client(Set.of("slow-dns.test"), false)
                .get(URI.create("http://slow-dns.test:" + plain.actualPort() + "/doc"), "application/json", 5120,
                        Duration.ofMillis(500)));
        assertTrue(slow.getMessage().contains("resolving"), slow.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "waited for the resolver");
    }
}
