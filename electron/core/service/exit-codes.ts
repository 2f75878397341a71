// Exit statuses of the station service that its supervisor (systemd, the Windows
// service wrapper) must tell apart from a crash.

/**
 * A commander stopped the service (system.stopService): not restarted at once
 * (systemd RestartPreventExitStatus; the Windows wrapper's failure actions skip it).
 */
export const STOPPED_BY_COMMANDER_EXIT = 64;
