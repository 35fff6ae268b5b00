package dev.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.ScriptedBrowser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several client processes started at once on one expired credential record (as a shell script or an agent running
 * tools in parallel does): they must agree through the record's file lock, so the authorization server sees exactly
 * one refresh per expiry, every process succeeds, and the refresh-token family stays alive. Refreshes are counted
 * where they happen, by auth-server's {@code portcullis_tokens_issued_total{grant_type="refresh_token"}}.
 *
 * <p>The access tokens live {@link #LIFETIME}, less than the fixed 30 s refresh margin the client once had (with which
 * every token counted as expiring and each of the processes' requests refreshed: 24 refreshes a round) and long enough
 * for eight JVMs on a busy two-core machine to make their requests (about 15 s) before the refreshed token is due
 * again; the shared {@link Stack}'s 6 s tokens are not, so this test has servers of its own.
 *
 * <p>The test holds the record's lock file while the processes start and lets go once all of them wait for it: JVMs
 * that start at different speeds would otherwise reach the server so far apart that the token the first one refreshed
 * had rightly become due again for the last. Lined up, they all find it expired at once, the hardest case for the lock.
 */
class ConcurrentRefreshIT {

    private static final Duration LIFETIME = Duration.ofSeconds(25);
    private static final int PROCESSES = 8;
    private static final int ROUNDS = 3;
    private static final Pattern ISSUED = metric("portcullis_tokens_issued_total", "grant_type", "refresh_token");
    private static final Pattern REFUSED = Pattern.compile(
            "^portcullis_token_errors_total\\{[^}]*} (\\S+)$", Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isReadable(PROC_LOCKS), "needs Linux's " + PROC_LOCKS + " to see the processes wait");
        stack = Stack.start(LIFETIME);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void processesSharingAnExpiredRecordRefreshItOnce() throws Exception {
        Path home = Files.createTempDirectory(stack.work, "client-home");
        ClientProcess client = new ClientProcess(stack.root.resolve("mcp-client/target/quarkus-app/quarkus-run.jar"),
                Map.of("PORTCULLIS_HOME", home.toString()));
        signIn(client);
        double refusedBefore = sum(REFUSED, metrics());
        // a refreshed token is next due after nine tenths of its life (the client's margin is a tenth of it)
        Duration due = LIFETIME.multipliedBy(9).dividedBy(10);

        for (int round = 1; round <= ROUNDS; round++) {
            Path record = awaitExpiry(home);
            double before = sum(ISSUED, metrics());
            List<ClientProcess.Run> runs = new ArrayList<>();
            Instant released;
            try (FileChannel lockFile = FileChannel.open(lockFileOf(record), Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    FileLock held = lockFile.lock()) {
                for (int i = 0; i < PROCESSES; i++) {
                    runs.add(client.start("call", stack.mcpUrl, "whoami"));
                }
                awaitAllWaitingForTheLock(runs);
                released = Instant.now();
            }
            for (ClientProcess.Run run : runs) {
                ClientProcess.Result result = run.await(Duration.ofSeconds(120));
                assertEquals(0, result.exitCode(), "round " + round + ": " + result);
                assertTrue(result.stdout().contains("user: " + Stack.USER), "round " + round + ": " + result);
            }
            Duration burst = Duration.between(released, Instant.now());
            double refreshes = sum(ISSUED, metrics()) - before;
            System.out.printf("ConcurrentRefreshIT: round %d: %d processes, %.0f refresh(es), all done %d ms after the"
                    + " lock was released%n", round, PROCESSES, refreshes, burst.toMillis());
            if (burst.compareTo(due) < 0) {
                assertEquals(1.0, refreshes, "round " + round + ": one refresh at the authorization server, whatever"
                        + " the number of processes");
            } else {
                // so slow a machine that the refreshed token fell due again while the processes ran: then one more
                // refresh per due time is right, never one per process or request
                long bound = 1 + burst.toMillis() / due.toMillis();
                System.out.printf("ConcurrentRefreshIT: round %d took longer than the %d ms a token lasts here;"
                        + " at most %d refreshes are right%n", round, due.toMillis(), bound);
                assertTrue(refreshes >= 1 && refreshes <= bound, "round " + round + ": " + refreshes
                        + " refreshes in " + burst.toMillis() + " ms, more than one per " + due.toMillis() + " ms");
            }
        }
        assertEquals(refusedBefore, sum(REFUSED, metrics()), "no token request was refused");

        awaitExpiry(home);
        ClientProcess.Result last = client.run("call", stack.mcpUrl, "whoami");
        assertEquals(0, last.exitCode(), "the refresh-token family is still alive: " + last);
        assertTrue(last.stdout().contains("user: " + Stack.USER), last.toString());
    }

    /**
     * Waits until every process blocks on the record's lock file, which this test holds: then all of them have
     * started and found the access token expired, and they go on together however slowly their JVMs started.
     * Linux lists a process blocked on a POSIX lock in {@code /proc/locks} as {@code -> POSIX ... <pid> ...}.
     */
    private static void awaitAllWaitingForTheLock(List<ClientProcess.Run> runs) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (true) {
            Set<Long> waiting = new HashSet<>();
            for (String line : Files.readAllLines(PROC_LOCKS)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 5 && fields[1].equals("->")) {
                    waiting.add(Long.parseLong(fields[5]));
                }
            }
            if (runs.stream().allMatch(run -> waiting.contains(run.pid()))) {
                return;
            }
            for (ClientProcess.Run run : runs) {
                if (!run.isAlive()) {
                    throw new AssertionError("a client ended before it asked for the lock: "
                            + run.await(Duration.ofSeconds(1)));
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not every client waits for the record's lock; waiting: " + waiting
                        + ", clients: " + runs.stream().map(ClientProcess.Run::pid).toList());
            }
            Thread.sleep(100);
        }
    }

    private static Path lockFileOf(Path record) {
        return record.resolveSibling(record.getFileName().toString().replace(".json", ".lock"));
    }

    /** {@code login} through the real sign-in and consent pages, this test playing the browser. */
    private static void signIn(ClientProcess client) throws Exception {
        ClientProcess.Run login = client.start("login", stack.mcpUrl);
        String url = login.awaitLine(line -> line.startsWith(stack.issuer + "/authorize?"), Duration.ofSeconds(60));
        URI redirect = new ScriptedBrowser().authorize(URI.create(url.trim()), Stack.USER, Stack.PASSWORD, "approve");
        new ScriptedBrowser().get(redirect); // the client's loopback listener takes the code
        ClientProcess.Result result = login.await(Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.toString());
    }

    /** Sleeps until the stored access token has expired (by the record's own {@code expires_at}); returns the record. */
    private static Path awaitExpiry(Path home) throws Exception {
        List<Path> records;
        try (Stream<Path> files = Files.list(home)) {
            records = files.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertEquals(1, records.size(), "one credential record: " + records);
        Instant expiresAt = Instant.parse(new ObjectMapper().readTree(Files.readString(records.get(0)))
                .path("expires_at").asText());
        long wait = Duration.between(Instant.now(), expiresAt).plusMillis(500).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        return records.get(0);
    }

    private static String metrics() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stack.authMetrics).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** The sum of a Prometheus sample's values over the lines that match; 0 before the counter's first use. */
    private static double sum(Pattern sample, String exposition) {
        double total = 0;
        Matcher matcher = sample.matcher(exposition);
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }

    private static Pattern metric(String name, String label, String value) {
        return Pattern.compile("^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label + "=\"" + value + "\"")
                + "[^}]*} (\\S+)$", Pattern.MULTILINE);
    }
}
