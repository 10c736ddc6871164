/**
 * The clinic's screens for the day: the always-on desk board with its chair map, the nurse's chair sheet, the end
 * of the day, and the waiting-room TV that calls tickets, never names.
 */
package clinic.kiosk.desk;
