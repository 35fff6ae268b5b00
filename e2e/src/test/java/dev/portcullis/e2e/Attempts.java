package dev.portcullis.e2e;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every request the load's clients sent and what came back, in the order the answers came: what the assertions and
 * the one-line summary count. Times are {@link System#nanoTime()}.
 */
final class Attempts {

    /**
     * One request: where it went, its status (0: no answer; {@code refused}: not even a connection), when the answer
     * (or the failure) came, whether it repeated the previous request's refresh token, whether the client threw the
     * answer away as if the network had lost it, and what a 503 or an error carried.
     */
    record Attempt(String server, int status, long at, boolean retry, boolean refused, boolean dropped,
            String retryAfter, String error) {

        static Attempt noAnswer(String server, boolean retry, boolean refused) {
            return new Attempt(server, 0, System.nanoTime(), retry, refused, false, null, null);
        }

        /** A 503 as the issue requires it: Retry-After and the OAuth error {@code temporarily_unavailable}. */
        boolean documented503() {
            return status == 503 && retryAfter != null && "temporarily_unavailable".equals(error);
        }

        boolean between(long from, long to) {
            return at - from >= 0 && to - at >= 0;
        }
    }

    private final Queue<Attempt> all = new ConcurrentLinkedQueue<>();

    void add(Attempt attempt) {
        all.add(attempt);
    }

    List<Attempt> list() {
        return List.copyOf(all);
    }

    long count(Predicate<Attempt> which) {
        return all.stream().filter(which).count();
    }

    /** Up to three of the attempts that match, for an assertion's message. */
    String examples(Predicate<Attempt> which) {
        return all.stream().filter(which).limit(3).map(Attempt::toString).collect(Collectors.joining("; "));
    }

    /** Milliseconds from {@code since} to the first 200 answered after it; -1 if none came. */
    long msToFirstOkAfter(long since) {
        return all.stream().filter(a -> a.status() == 200 && a.at() - since >= 0)
                .mapToLong(a -> (a.at() - since) / 1_000_000).min().orElse(-1);
    }

    /** Statuses by count ({@code no-answer} for requests that got none), retries, and what the caller adds. */
    String summary(String title, Map<String, ?> figures) {
        Map<String, Long> statuses = all.stream().collect(Collectors.groupingBy(
                a -> a.status() == 0 ? (a.refused() ? "refused" : "no-answer") : String.valueOf(a.status()),
                TreeMap::new, Collectors.counting()));
        StringBuilder line = new StringBuilder(title).append(": requests ").append(all.size());
        statuses.forEach((status, count) -> line.append(", ").append(status).append(" x").append(count));
        line.append(", retries ").append(count(Attempt::retry));
        if (count(Attempt::dropped) > 0) {
            line.append(", answers dropped ").append(count(Attempt::dropped));
        }
        figures.forEach((name, value) -> line.append(", ").append(name).append(' ').append(value));
        return line.toString();
    }
}
