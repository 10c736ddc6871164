package clinic.kiosk.desk;

import clinic.kiosk.queue.FollowUp;
import clinic.kiosk.staff.StaffAccount;
import clinic.kiosk.web.Form;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The fields a visit needs to end (left, cancelled, closed at the end of the day) while a safety flag is
 * outstanding: the clinician (prescriber) who was told, chosen from their accounts, and what will be done.
 */
final class FollowUpForm {
    /** A clinician the follow-up can name. */
    record Clinician(long id, String name) {}

    /** What the page shows: the clinicians, the one chosen and the note typed (kept when something is wrong). */
    record Fields(List<Clinician> clinicians, String chosen, String note) {
        static final Fields NONE = new Fields(List.of(), "", "");
    }

    private final Supplier<List<StaffAccount>> clinicians;

    FollowUpForm(Supplier<List<StaffAccount>> clinicians) {
        this.clinicians = clinicians;
    }

    Fields empty() {
        return new Fields(list(), "", "");
    }

    private List<Clinician> list() {
        return clinicians.get().stream().map(a -> new Clinician(a.id(), a.displayName())).toList();
    }

    /** The fields as typed, to show them again. {@code suffix}: "" on a page with one form, "-id" with several. */
    Fields typed(Form form, String suffix) {
        return new Fields(list(), form.text("followUpClinician" + suffix, "follow_up.clinician", 20),
                form.text("followUpNote" + suffix, "follow_up.note", 300));
    }

    /** Reads the follow-up; a missing clinician or note is an error beside its field. */
    Optional<FollowUp> read(Form form, String suffix) {
        List<StaffAccount> all = clinicians.get();
        String chosen = form.text("followUpClinician" + suffix, "follow_up.clinician", 20);
        String note = form.text("followUpNote" + suffix, "follow_up.note", 300);
        Optional<StaffAccount> clinician = all.stream().filter(a -> Long.toString(a.id()).equals(chosen)).findFirst();
        if (all.isEmpty()) {
            form.errorKey("followUpClinician" + suffix, "follow_up.error.no_clinicians");
        } else if (clinician.isEmpty()) {
            form.errorKey("followUpClinician" + suffix, "follow_up.error.clinician");
        }
        if (note.isBlank()) {
            form.errorKey("followUpNote" + suffix, "follow_up.error.note");
        }
        if (clinician.isEmpty() || note.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new FollowUp(clinician.get().id(), clinician.get().displayName(), note));
    }
}
