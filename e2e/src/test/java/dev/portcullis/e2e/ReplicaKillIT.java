package dev.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, a replica dying: two auth-server processes on one external PostgreSQL ({@link ClusterStack}'s and a
 * second one started here), the load of {@link DatabaseOutageIT} spread over both, and the second killed with
 * {@code kill -9} mid-load. Rotations it had committed whose answers it never sent are retried, with the same token,
 * at the survivor — which must answer them (the rotation grace period) and never with a 5xx. Not one family may be
 * lost. Answers lost on the way (see {@link #DROP_EVERY}) are retried at the other replica likewise.
 */
@ExtendWith(StackExtension.class)
class ReplicaKillIT {

    /**
     * Besides the answers the kill cuts off (a rotation committed just before it is rare), the clients throw away
     * one 200 in this many as if the network had lost it, and retry its token at the other replica.
     */
    static final int DROP_EVERY = 25;

    private static ClusterStack stack;
    private static AuthReplicas.Replica victim;

    @BeforeAll
    static void startASecondReplica(ClusterStack clusterStack) throws Exception {
        stack = clusterStack;
        victim = stack.replicas.start(1).get(0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (victim != null) {
            victim.process().close();
        }
    }

    @Test
    void replicaKilledMidLoadLosesNoFamilyAndTheSurvivorAnswersNo5xx() throws Exception {
        String killed = victim.url();
        String survivor = stack.primary().url();
        OAuthFlow.Grants grants = stack.families(killed);
        Attempts attempts;
        List<String> lost;
        long killedAt;
        try (RefreshLoad load = RefreshLoad.start(grants, List.of(killed, survivor), DROP_EVERY)) {
            Thread.sleep(3_000);
            killedAt = System.nanoTime();
            victim.process().kill();
            Thread.sleep(4_000);
            load.stop();
            lost = load.lostFamilies(List.of(survivor));
            attempts = load.attempts;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("killed replica 200", attempts.count(a -> a.server().equals(killed) && a.status() == 200));
        figures.put("answers lost at the kill", attempts.count(a -> a.server().equals(killed) && a.status() == 0 && !a.refused()));
        figures.put("survivor 200 after the kill", attempts.count(a -> a.server().equals(survivor) && a.status() == 200
                && a.at() - killedAt > 0));
        figures.put("lost families", lost.size() + "/" + RefreshLoad.FAMILIES);
        figures.put("on", stack.database.describe());
        System.out.println(attempts.summary("ReplicaKillIT kill -9 of one of two replicas", figures));
        assertAll(
                () -> assertTrue(lost.isEmpty(), RefreshLoad.describe(lost)),
                () -> assertEquals(0, attempts.count(a -> a.server().equals(survivor) && a.status() >= 500),
                        "5xx from the survivor: " + attempts.examples(a -> a.server().equals(survivor) && a.status() >= 500)),
                () -> assertTrue(attempts.count(a -> a.server().equals(killed) && a.status() == 200 && a.at() - killedAt < 0) > 0,
                        "the load reached the killed replica before the kill"),
                () -> assertTrue(attempts.count(Attempts.Attempt::dropped) > 0, "answers were lost on the way"),
                () -> assertTrue(stack.primary().process().isAlive(), "the survivor lives"));
    }
}
