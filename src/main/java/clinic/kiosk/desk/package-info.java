/** The front desk's screens: the home page after sign-in and the always-on desk board. */
package clinic.kiosk.desk;
