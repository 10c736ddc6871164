package clinic.kiosk.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TokensTest {
    private final Tokens tokens = new Tokens(new byte[32]);

    @Test
    void a_signed_value_verifies_and_a_tampered_one_does_not() {
        String signed = tokens.sign("12:abc");
        assertEquals("12:abc", tokens.verify(signed));
        assertNull(tokens.verify(signed.replace("12:", "13:")));
        assertNull(tokens.verify("12:abc"));
        assertNull(tokens.verify(null));
        byte[] other = new byte[32];
        other[0] = 1;
        assertNull(new Tokens(other).verify(signed), "another server's key signs nothing here");
    }

    @Test
    void random_tokens_differ() {
        assertNotEquals(Tokens.random(16), Tokens.random(16));
        assertEquals(43, Tokens.random(32).length());
    }
}
