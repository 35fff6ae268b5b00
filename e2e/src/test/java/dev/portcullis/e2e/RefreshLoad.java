package dev.portcullis.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The load of issue 11: refresh-token families rotated without pause by concurrent {@link CarefulRefresher}s, each
 * worker its own share of the families, each token used once (again only after a 5xx or no answer). A family is lost
 * when a refresh gets a definite answer other than 200 (the token refused, the family revoked) or none at all.
 */
final class RefreshLoad implements AutoCloseable {

    /** One family: its current refresh token, and why it was lost (null while it lives). */
    private static final class Family {
        final int id;
        String refreshToken;
        String lost;

        Family(int id, String refreshToken) {
            this.id = id;
            this.refreshToken = refreshToken;
        }
    }

    /** The load: 64 families, 8 concurrent clients. */
    static final int FAMILIES = 64;
    static final int WORKERS = 8;

    final Attempts attempts = new Attempts();
    private final String clientId;
    private final List<Family> families = new ArrayList<>();
    private final ExecutorService pool;
    private final List<Future<?>> workers = new ArrayList<>();
    private volatile boolean running;

    /**
     * Starts rotating the grants' families in {@link #WORKERS} threads; worker {@code i} starts at server {@code i}.
     * {@code dropEvery}: see {@link CarefulRefresher} (0: every answer that comes is taken).
     */
    static RefreshLoad start(OAuthFlow.Grants grants, List<String> servers, int dropEvery) {
        return new RefreshLoad(grants, servers, WORKERS, dropEvery);
    }

    private RefreshLoad(OAuthFlow.Grants grants, List<String> servers, int workers, int dropEvery) {
        this.clientId = grants.clientId();
        for (String token : grants.refreshTokens()) {
            families.add(new Family(families.size(), token));
        }
        this.pool = Executors.newFixedThreadPool(workers);
        running = true;
        for (int i = 0; i < workers; i++) {
            List<Family> share = new ArrayList<>();
            for (int f = i; f < families.size(); f += workers) {
                share.add(families.get(f));
            }
            int first = i;
            this.workers.add(pool.submit(() -> rotate(share, new CarefulRefresher(servers, first, attempts, dropEvery))));
        }
    }

    private Void rotate(List<Family> share, CarefulRefresher client) throws InterruptedException {
        while (running && share.stream().anyMatch(f -> f.lost == null)) {
            for (Family family : share) {
                if (!running) {
                    break;
                }
                if (family.lost == null) {
                    refresh(family, client, "during the load");
                }
            }
        }
        return null;
    }

    private void refresh(Family family, CarefulRefresher client, String when) throws InterruptedException {
        CarefulRefresher.Answer answer = client.refresh(clientId, family.refreshToken);
        if (answer.status() == 200) {
            family.refreshToken = answer.refreshToken();
        } else {
            family.lost = "family " + family.id + " " + when + ": " + answer;
        }
    }

    /** Waits at most {@code timeout} for a 200 answered after {@code since}. */
    void awaitOkAfter(long since, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (attempts.msToFirstOkAfter(since) < 0 && deadline - System.nanoTime() > 0) {
            Thread.sleep(50);
        }
    }

    /** Lets every worker finish the refresh it is in (with its retries) and stops it. */
    void stop() throws Exception {
        running = false;
        for (Future<?> worker : workers) {
            worker.get();
        }
    }

    /**
     * After {@link #stop()}: refreshes every family once more at {@code at} (a careful client too); returns why each
     * lost family was lost, during the load or now.
     */
    List<String> lostFamilies(List<String> at) throws InterruptedException {
        CarefulRefresher client = new CarefulRefresher(at, 0, attempts, 0);
        for (Family family : families) {
            if (family.lost == null) {
                refresh(family, client, "after the load");
            }
        }
        return families.stream().filter(f -> f.lost != null).map(f -> f.lost).toList();
    }

    /** Lost families for an assertion's message: how many, and why the first few were lost. */
    static String describe(List<String> lost) {
        return lost.size() + " lost families: " + String.join("; ", lost.subList(0, Math.min(3, lost.size())))
                + (lost.size() > 3 ? "; …" : "");
    }

    @Override
    public void close() {
        running = false;
        pool.shutdownNow();
    }
}
