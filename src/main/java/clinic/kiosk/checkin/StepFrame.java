package clinic.kiosk.checkin;

/**
 * What every step page shows around its fields: the welcome ("Welcome, Ana R."), an honest "Step 1 of 2", where
 * the form posts, and whether the desk is doing this on the patient's behalf (staff layout) or the patient (kiosk).
 */
record StepFrame(String shortName, int number, int count, String action, boolean desk, boolean first) {}
