/**
 * Visits and their states: the one table of allowed transitions, the one method that moves a visit (settled by
 * the database when two people act at once), ticket codes, and the event bus that keeps boards live; the chairs
 * and rooms a visit occupies, vitals, in-chair events, discharge, undo and waiting-time estimates.
 */
package clinic.kiosk.queue;
