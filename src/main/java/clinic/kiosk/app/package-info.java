/** Start-up: the command line, the composition root, the data folder's lock and keys, logging and health. */
package clinic.kiosk.app;
