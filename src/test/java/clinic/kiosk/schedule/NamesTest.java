package clinic.kiosk.schedule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesTest {
    @Test
    void case_accents_and_extra_spaces_do_not_matter() {
        assertTrue(Names.same("lucia", "Lucía"));
        assertTrue(Names.same("  GÓMEZ ", "Gomez"));
        assertTrue(Names.same("Ana  María", "ana maría"));
        assertTrue(Names.same("Nguyễn", "nguyen"));
        assertTrue(Names.same("Zoë", "ZOE"));
    }

    @Test
    void different_names_and_empty_input_never_match() {
        assertFalse(Names.same("Ana", "Anna"));
        assertFalse(Names.same("Rivera", "Rivero"));
        assertFalse(Names.same("", ""));
        assertFalse(Names.same("   ", "  "));
        assertFalse(Names.same("AnaMaria", "Ana Maria"));
    }

    @Test
    void short_names_show_first_name_and_last_initial_only() {
        Booking b = new Booking(1, 1, "Ana", "Rivera", java.time.LocalDate.of(1985, 3, 14), null, "infusion",
                java.time.Instant.EPOCH, false, null);
        org.junit.jupiter.api.Assertions.assertEquals("Ana R.", b.shortName());
        Booking accented = new Booking(1, 1, "Élodie", "Ćwik", java.time.LocalDate.of(1985, 3, 14), null, "infusion",
                java.time.Instant.EPOCH, false, null);
        org.junit.jupiter.api.Assertions.assertEquals("Élodie Ć.", accented.shortName());
    }
}
