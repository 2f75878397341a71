import type { viExport } from './messages.vi';

export const enExport: Record<keyof typeof viExport, string> = {
  'export.open': 'Export footage',
  'export.openHint': 'Export this incident’s footage to a USB drive for investigators',
  'export.title': 'Export footage for investigators',
  'export.incident': 'Incident',
  'export.noIncident': 'Not linked to an incident',
  'export.cameras': 'Cameras ({n})',
  'export.range': 'Time range (Vietnam time)',
  'export.start': 'From',
  'export.end': 'To',
  'export.timePlaceholder': 'dd/MM/yyyy HH:mm:ss',
  'export.rangeHint': 'Length: {duration}',
  'export.caseNumber': 'Request / case number',
  'export.caseNumberPlaceholder': 'Optional, e.g. 125/CV-CSHS',

  'export.destination': 'Save to',
  'export.noDrive':
    'No USB drive found. Plug one in — the list updates by itself within a few seconds.',
  'export.drivesFailed': 'Could not read the USB drives: {error}',
  'export.driveSpace': '{free} free of {size}',
  'export.recentFolders': 'Recently used folders',
  'export.chooseFolder': 'Choose another folder…',
  'export.chosenFolder': 'Chosen folder',
  'export.folderPath': 'Destination folder (full path)',
  'export.folderPathPlaceholder': 'E.g. E:\\ or /media/officer/USB',

  'export.check': 'Check before exporting',
  'export.checking': 'Checking…',
  'export.checkFailed': 'Could not check: {error}',
  'export.recorded': '{recorded} recorded',
  'export.complete': 'the whole range',
  'export.missing': '{n} gap(s): {ranges}',
  'export.noFootageCamera': 'No footage in this range',
  'export.needed': 'Space needed: about {needed}',
  'export.neededFree': 'Space needed: about {needed} · {free} free',
  'export.folderName': 'Folder to create: {name}',
  'export.startButton': 'Start export',
  'export.starting': 'Starting…',

  'export.field.invalid_time': 'Not a valid date and time — type dd/MM/yyyy HH:mm:ss',
  'export.field.range_end_before_start': 'The end must be after the start',
  'export.field.range_too_long': 'At most 24 hours per export — split it into several',
  'export.field.destination_required': 'Choose a USB drive or a folder to save to',
  'export.field.cameras_required': 'At least one camera is needed',
  'export.field.too_many_cameras': 'At most 16 cameras per export',
  'export.field.too_long': 'Too long (at most 100 characters)',

  'export.blocker.no_footage':
    'The chosen cameras recorded nothing in this range. Check the times or choose other cameras.',
  'export.blocker.destination_missing':
    'The destination is not there (USB drive removed or folder gone). Plug the drive back in or choose another destination.',
  'export.blocker.destination_not_writable':
    'Cannot write to the destination (drive write-protected or no permission). Unlock the drive or choose another destination.',
  'export.blocker.destination_full':
    'Not enough space on the drive: {needed} needed, {free} free. Use another drive or shorten the range.',
  'export.blocker.file_too_large_for_fat32':
    'A FAT32 drive cannot hold files of 4 GB or more. Shorten the range or use an exFAT/NTFS drive.',
  'export.blocker.destination_not_absolute':
    'The path is incomplete. Type the folder’s full path, e.g. E:\\ or /media/officer/USB.',
  'export.blocker.destination_is_station_storage':
    'Exports cannot be saved on the station’s recording drive or folder. Choose a USB drive or another folder.',
  'export.blocker.station_disk_full':
    'The station PC’s disk lacks the temporary space to prepare the video. Free some space or shorten the range.',
  'export.blocker.codec_changed':
    'A camera changed its compression (H.264/H.265) within this range. Export it in two parts, before and after the change.',
  'export.blocker.other': 'Cannot export yet ({code}). Check the destination and the range.',

  'export.progress.title': 'Exporting footage',
  'export.phase.preparing': 'Preparing…',
  'export.phase.video': 'Writing video',
  'export.phase.files': 'Writing the report and other files',
  'export.phase.verifying': 'Reading back and checking hashes',
  'export.phase.finishing': 'Finishing',
  'export.filesCount': 'File {done}/{total}',
  'export.eta.estimating': 'Estimating time left…',
  'export.eta.underMinute': 'Less than a minute left',
  'export.eta.minutes': 'About {m} min left',
  'export.eta.hours': 'About {h} h {m} min left',
  'export.cancel': 'Cancel export',
  'export.cancelAsk': 'Cancel this export? The files written so far will be deleted.',
  'export.cancelKeep': 'Keep exporting',
  'export.cancelling': 'Cancelling…',
  'export.cancelFailed': 'Could not cancel: {error}',

  'export.done.title': 'Export complete',
  'export.done.folder': 'Folder',
  'export.done.files': '{n} files · {size}',
  'export.done.hash': 'SHA-256 (manifest.json)',
  'export.done.centre':
    'This package answers a centre request and stays in a folder on the station PC. Copy the whole folder to a USB stick to hand it over; the centre checks the manifest SHA-256 it received over the link.',
  'export.done.eject': 'Choose “Safely Remove” (Eject) before unplugging the USB drive.',
  'export.failed.title': 'Export failed',
  'export.leftover.removed': 'Partial files have been removed.',
  'export.leftover.maybe':
    'Partial files were removed if the destination still allowed it. If the folder “{folder}” is still there, it is incomplete — delete it.',
  'export.leftover.unreachable':
    'When the USB drive is plugged back in (or the destination is back), the folder “{folder}” may still be there — it is incomplete, delete it.',
  'export.cancelled.title': 'Export cancelled',
  'export.cancelled.text': 'Cancelled; no partial files were left behind.',
  'export.dismiss': 'Close',

  'export.failed.destination_missing':
    'The USB drive was removed (or the folder disappeared) while writing. Plug it back in and export again.',
  'export.failed.destination_full':
    'The destination filled up while writing. Use another drive, free some space or shorten the range, then export again.',
  'export.failed.destination_not_writable':
    'Cannot write to the destination (drive write-protected or no permission). Unlock it or choose another destination.',
  'export.failed.write_failed':
    'A write to the destination failed; the drive or disk may be faulty. Try another drive.',
  'export.failed.verify_mismatch':
    'What was read back from the destination differs from what was written; the drive or disk may be faulty. Use another drive and export again.',
  'export.failed.no_footage':
    'There is no longer any footage in the chosen range (it may have been deleted by the retention limit).',
  'export.failed.remux_failed':
    'The video could not be packaged (ffmpeg error). Try again; if it fails again, call the technician.',
  'export.failed.internal':
    'Something unexpected went wrong. Try again; if it fails again, call the technician.',

  'export.list.title': 'Exported',
  'export.list.empty': 'Not exported yet',
  'export.list.loadFailed': 'Could not load the exports: {error}',
  'export.status.running': 'Exporting',
  'export.status.complete': 'Complete',
  'export.status.failed': 'Failed',
  'export.status.cancelled': 'Cancelled',

  'error.conflict.export_running':
    'Another export is running. Wait for it to finish or cancel it first.',
  'error.conflict.export_not_cancellable':
    'This export is finishing and can no longer be cancelled.',
};
