package clinic.kiosk.queue;

import java.time.Instant;

/** A chair or a room as it is now: free, occupied by a visit, or being cleaned; since when. */
public record PlaceState(String id, String kind, String state, Long visitId, Instant since) {
    public boolean free() {
        return state.equals("free");
    }

    public boolean chair() {
        return kind.equals("chair");
    }
}
