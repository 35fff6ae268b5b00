package dev.portcullis.client.fake;

import dev.portcullis.client.PortcullisClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every flow test runs against: a fresh {@link FakeAuthorizationServer} and {@link FakeMcpServer} per test, a
 * browser, a clock to move, and a client builder on an empty credentials directory.
 */
public abstract class FakeServersTest {

    @TempDir
    protected Path home;

    protected FakeAuthorizationServer as;
    protected FakeMcpServer mcp;
    protected TestBrowser browser;
    protected MutableClock clock;

    @BeforeEach
    void startFakes() throws Exception {
        as = new FakeAuthorizationServer();
        mcp = new FakeMcpServer(as);
        browser = new TestBrowser();
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @AfterEach
    void stopFakes() {
        mcp.close();
        as.close();
    }

    /** A client on the test's credentials directory and browser (on the system clock: add {@link #clock} to use it). */
    protected PortcullisClient.Builder builder() {
        return PortcullisClient.builder().home(home).browser(browser).callbackTimeout(Duration.ofSeconds(10));
    }
}
