package dev.portcullis.client.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.client.Randomness;
import dev.portcullis.common.oauth.Pkce;
import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void rfc7636AppendixBVerifier_hashesToTheRfcChallenge() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void newVerifiers_areValidAndDistinct() {
        String a = Pkce.newVerifier(Randomness.secureRandom());
        String b = Pkce.newVerifier(Randomness.secureRandom());
        assertTrue(Pkce.isValidVerifier(a), a);
        assertEquals(43, a.length());
        assertNotEquals(a, b);
    }

    @Test
    void stateTokensOf32Octets_carryAtLeast128BitsUrlSafe() {
        String state = Randomness.token(32);
        assertEquals(43, state.length());
        assertTrue(state.matches("[A-Za-z0-9_-]+"), state);
    }
}
