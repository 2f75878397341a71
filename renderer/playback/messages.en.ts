import type { viPlayback } from './messages.vi';

export const enPlayback: Record<keyof typeof viPlayback, string> = {
  'playback.open': 'Playback',
  'playback.openHint':
    'Play back the recordings of the selected tiles (none selected: the first tile’s camera)',
  'playback.openCamera': 'Play back this camera',
  'playback.noCamera': 'No camera on screen to play back',
  'playback.mode': 'Recorded playback',
  'playback.live': 'Back to live',
  'playback.liveHint': 'Return to the live view (L)',
  'playback.region': 'Recorded playback',

  'playback.play': 'Play (Space)',
  'playback.pause': 'Pause (Space)',
  'playback.rate': 'Playback speed (- and +)',
  'playback.rateHeading': 'Playback speed',
  'playback.stepBack': 'One frame back (,)',
  'playback.stepForward': 'One frame forward (.)',
  'playback.back1m': 'Back 1 minute (Shift+←)',
  'playback.back10s': 'Back 10 seconds (←)',
  'playback.fwd10s': 'Forward 10 seconds (→)',
  'playback.fwd1m': 'Forward 1 minute (Shift+→)',
  'playback.prevIncident': 'Previous incident (PageUp)',
  'playback.nextIncident': 'Next incident (PageDown)',
  'playback.prevPeak': 'Previous activity peak (Ctrl+←)',
  'playback.nextPeak': 'Next activity peak (Ctrl+→)',
  'playback.noPrevIncident': 'No incident before this moment in the range shown',
  'playback.noNextIncident': 'No incident after this moment in the range shown',
  'playback.noPrevPeak': 'No activity peak before this moment — zoom out to search a wider range',
  'playback.noNextPeak': 'No activity peak after this moment — zoom out to search a wider range',

  'playback.clock': 'Moment shown',
  'playback.date': 'Date (dd/MM/yyyy)',
  'playback.time': 'Time (HH:mm:ss)',
  'playback.pickDate': 'Pick a date from the calendar',
  'playback.go': 'Go',
  'playback.goHint': 'Go to the date and time entered (Vietnam time)',
  'playback.badDate': 'Invalid date — use dd/MM/yyyy, e.g. 05/06/2025',
  'playback.badTime': 'Invalid time — use HH:mm or HH:mm:ss, e.g. 14:30',
  'playback.futureTime': 'That moment has not happened yet — choose a past time',

  'playback.span': 'Range shown',
  'playback.span.1m': '1 min',
  'playback.span.10m': '10 min',
  'playback.span.1h': '1 hour',
  'playback.span.6h': '6 hours',
  'playback.span.1d': '1 day',
  'playback.span.7d': '7 days',
  'playback.timeline': 'Timeline',
  'playback.alarmLegend': 'Legend of picture and camera clock alarms',
  'playback.timelineHint':
    'Wheel to zoom · Drag the background to pan · Click to seek · Drag the playhead to scrub · Shift+drag to choose a range to export',
  'playback.timelineLoading': 'Loading the timeline…',
  'playback.timelineError': 'Could not load the timeline: {message}',
  'playback.legend.recorded': 'Recorded',
  'playback.legend.gap': 'Gap',
  'playback.legend.activity': 'Activity',
  'playback.legend.incident': 'Incident',
  'playback.tip.gap': 'Not recorded: {reason}',
  'playback.tip.range': '{from} → {to}',
  'playback.tip.ongoing': 'now',
  'playback.tip.incident': '{code} · {category}',
  'playback.tip.incidentClick': 'Click to seek to its start',

  'playback.state.loading': 'Loading footage…',
  'playback.state.noFootage': 'No footage',
  'playback.state.noFootageHint':
    'Nothing was recorded at this moment. The newest footage can be played back about 1–2 seconds behind live.',
  'playback.state.gap': 'No footage',
  'playback.state.gapReason': 'Reason: {reason}',
  'playback.state.error': 'Cannot play this footage — seek to another moment or reopen playback',
  'playback.error.codec':
    "This computer cannot decode the camera's codec — ask a technician to install a decoder, or play it on another workstation",
  'playback.error.fetch':
    'Could not load this footage — retrying; if it persists, check the recording drive in Storage',
  'playback.error.forbidden':
    'The session ended or the screen is locked — sign in again to view footage',
  'playback.error.decode':
    'This recording is damaged and cannot play — ask a technician to check the recording drive',
  'playback.error.index':
    'Could not read the list of recordings — retrying; if it persists, restart the console',
  'playback.error.transcode':
    "Could not convert this H.265 footage into a form this computer plays — ask a technician to check the station's ffmpeg",
  'playback.error.transcodeBusy':
    'The station is already converting as many H.265 cameras as it can — close another H.265 camera to view this one',
  'playback.state.paused': 'PAUSED',
  'playback.state.playing': 'PLAYING',
  'playback.selected': 'Camera chosen for snapshots',
  'playback.selectHint': 'Click to choose this camera for snapshots',

  'playback.snapshot': 'Snapshot',
  'playback.snapshotHint': 'Capture the selected camera’s current frame as a PNG',
  'playback.snapshotTitle': 'Snapshot of {camera}',
  'playback.snapshotNone': 'This camera has no frame yet — wait for the picture, then try again',
  'playback.snapshotSave': 'Save image',
  'playback.snapshotAttach': 'Attach to an incident',
  'playback.snapshotChoose': 'Choose an incident on the timeline:',
  'playback.snapshotNoIncidents':
    'No incident in the range shown. Widen the timeline or create one with F2.',
  'playback.snapshotSaved': 'Saved {file}',
  'playback.snapshotAttached': 'Snapshot attached to incident {code}',
  'playback.snapshotTooLarge':
    'The image is too large to attach — use a smaller camera stream or save it to disk',

  // Export range: chosen on the timeline, exported with "Export footage…".
  'playback.range': 'Range to export',
  'playback.range.markStart': 'Set start',
  'playback.range.markStartHint': 'Set the start of the range to export at the playhead ([)',
  'playback.range.markEnd': 'Set end',
  'playback.range.markEndHint': 'Set the end of the range to export at the playhead (])',
  'playback.range.clear': 'Clear',
  'playback.range.clearHint': 'Clear the chosen range (Esc)',
  'playback.range.none': 'No export range yet',
  'playback.range.span': '{from} → {to}',
  'playback.range.startOnly': 'From {from} → no end yet',
  'playback.range.endOnly': 'No start yet → {to}',
  'playback.range.seconds': '{s} s',
  'playback.range.minutes': '{m} min {s} s',
  'playback.range.hours': '{h} h {m} min {s} s',
  'playback.range.tooLong': 'Longer than 24 hours — one export covers at most 24 hours',
  'playback.export': 'Export footage…',
  'playback.exportHint':
    'Export the footage of the {count} camera(s) shown, over the chosen range, to a USB stick or a folder',
  'playback.exportNeedsRange':
    'Choose a range first: set the start ([) and the end (]) at the playhead, or hold Shift and drag on the timeline',
  'playback.exportTooLong': 'One export covers at most 24 hours — narrow the chosen range',
};
