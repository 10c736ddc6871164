/**
 * Who is expected: patients and appointments from the main records, imported as CSV (upload or inbox folder)
 * whole or not at all, and the desk's list of a day's appointments.
 */
package clinic.kiosk.schedule;
