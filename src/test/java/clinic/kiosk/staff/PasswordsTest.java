package clinic.kiosk.staff;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordsTest {
    private final Passwords passwords = new Passwords(1_000);

    @Test
    void a_hash_matches_its_password_only() {
        String hash = passwords.hash("correct horse battery");
        assertTrue(hash.startsWith("pbkdf2-sha256$1000$"));
        assertTrue(passwords.matches("correct horse battery", hash));
        assertFalse(passwords.matches("correct horse batterY", hash));
        assertNotEquals(hash, passwords.hash("correct horse battery"), "each hash has its own salt");
    }

    @Test
    void a_hash_with_fewer_iterations_than_configured_is_outdated_but_still_valid() {
        String old = new Passwords(1_000).hash("pw-pw-pw-pw-pw");
        Passwords stronger = new Passwords(2_000);
        assertTrue(stronger.outdated(old));
        assertTrue(stronger.matches("pw-pw-pw-pw-pw", old));
        assertFalse(stronger.outdated(stronger.hash("x")));
    }

    @Test
    void generated_passwords_are_long_and_unambiguous() {
        String p = Passwords.generate();
        assertEquals(20, p.length());
        assertTrue(p.chars().noneMatch(c -> "0O1lI".indexOf(c) >= 0), p);
    }

    @Test
    void the_delay_grows_with_failures_and_is_capped() {
        assertEquals(0, StaffService.delaySeconds(0));
        assertEquals(0, StaffService.delaySeconds(2));
        assertEquals(1, StaffService.delaySeconds(3));
        assertEquals(2, StaffService.delaySeconds(4));
        assertEquals(32, StaffService.delaySeconds(8));
        assertEquals(60, StaffService.delaySeconds(9));
        assertEquals(60, StaffService.delaySeconds(1_000));
    }
}
