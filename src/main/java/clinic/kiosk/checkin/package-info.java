/**
 * The patient's check-in: at the tablet (identify, the visit type's steps, done, idle reset) and at the desk on
 * the patient's behalf. Steps are small classes behind one interface; the flow is generic.
 */
package clinic.kiosk.checkin;
