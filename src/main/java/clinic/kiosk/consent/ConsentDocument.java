package clinic.kiosk.consent;

import java.util.List;
import java.util.Objects;

/**
 * A consent of {@code kiosk-config/consents/}: its header and the exact text shown, as HTML rendered from Markdown
 * (raw HTML off) and as plain text for the PDF, with the SHA-256 of the rendered HTML.
 */
public record ConsentDocument(String id, int version, String title, String scope, String meaning,
                              List<String> visitTypes, Resign resign, boolean template, String file, String html,
                              String plainText, String sha256) {
    public ConsentDocument {
        Objects.requireNonNull(id);
        visitTypes = List.copyOf(visitTypes);
    }

    /** When a consent must be signed again: never (once), per course of treatment, or after some days. */
    public record Resign(String kind, int days) {}
}
