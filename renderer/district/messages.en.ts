import type { viDistrict } from './messages.vi';

export const enDistrict: Record<keyof typeof viDistrict, string> = {
  'district.section': 'District centre',
  'district.intro':
    'The station sends incidents, camera status and alarms to the district command centre. Footage never leaves unless the station commander approves an export request.',
  'district.byCommander': 'Only a commander can connect to or disconnect from the centre.',
  'district.unknown': 'The centre link status could not be read yet.',
  'district.link.off': 'Not connected',
  'district.link.starting': 'Starting',
  'district.link.linking': 'Connecting',
  'district.link.linked': 'Connected',
  'district.link.failed': 'Connection error',
  'district.state': 'Status',
  'district.station': 'Station ID',
  'district.hub': 'Centre address',
  'district.connectedSince': 'Connected since',
  'district.pending': 'Not yet sent',
  'district.pendingNone': 'All sent',
  'district.pendingCount': '{n} events, the oldest {age} ago',
  'district.lastSeq': 'Last event sent',
  'district.lastSeqNone': 'No events sent yet',
  'district.linkingHint':
    'Events are kept on this computer and sent once the centre is reached. If this lasts, check the network to the centre address.',
  'district.connect': 'Connect…',
  'district.reconnect': 'Reconnect with a new file…',
  'district.disconnect': 'Disconnect…',
  'district.openRequests': 'Export requests',
  'district.openRequestsCount': 'Export requests ({n} waiting)',

  'district.connectTitle': 'Connect to the district centre',
  'district.connectStep1':
    'Choose the connection file the centre issued for this station (.json file), or paste its content below.',
  'district.chooseFile': 'Choose file…',
  'district.fileChosen': 'File: {name}',
  'district.paste': 'File content',
  'district.pastePlaceholder':
    'Open the .json file the centre issued, copy all of it and paste it here',
  'district.next': 'Continue',
  'district.back': 'Back',
  'district.confirmStep':
    'Check that this is your station and the centre address before connecting. Connecting is recorded in the audit log.',
  'district.confirmStationName': 'Station name',
  'district.confirmConnect': 'Connect',
  'district.connecting': 'Connecting…',
  'district.fileTooBig':
    'The file is too large to be a connection file. Choose the file the centre issued.',
  'district.fileUnreadable':
    'The file could not be read. Choose it again, or open it and paste its content below.',
  'district.problem.empty': 'Nothing yet. Choose the file the centre issued or paste its content.',
  'district.problem.not_json':
    'This is not a connection file (its content cannot be read). Choose the .json file the centre issued, unedited.',
  'district.problem.wrong_format':
    'This file is not a station connection file. Ask the centre to issue the file again.',
  'district.problem.station_id':
    'The station ID in the file is not valid. Ask the centre to issue the file again.',
  'district.problem.incomplete':
    'The file is missing information (address, account or certificate). Ask the centre to issue it again; do not edit it by hand.',
  'field.credentials_format':
    'The connection file is not in the right format. Ask the centre to issue it again.',
  'field.credentials_station':
    'This file was issued for a different station than the one connected. Disconnect first, or use this station’s file.',
  'toast.districtConnected': 'Centre connection {name} saved. The station is connecting…',
  'toast.districtDisconnected': 'Disconnected from the district centre.',

  'district.disconnectTitle': 'Disconnect from the centre',
  'district.disconnectWarning':
    'The station will stop sending incidents, camera status and alarms to the centre and will not receive new export requests. Recording at the station is not affected. Reconnecting needs the centre’s connection file. Disconnecting is recorded in the audit log.',
  'district.disconnectPending': '{n} events have not been sent to the centre yet.',
  'district.disconnectConfirm': 'Disconnect',
  'district.disconnecting': 'Disconnecting…',

  'district.requestsTitle': 'Centre export requests',
  'district.requestsIntro':
    'The centre asks the station to export footage. No data leaves the station until the station commander approves.',
  'district.requestsEmpty': 'No requests from the centre yet.',
  'district.requestsLoadFailed': 'The request list could not be loaded.',
  'district.col.received': 'Received',
  'district.col.from': 'Requested by',
  'district.col.what': 'Footage',
  'district.col.reason': 'Reason',
  'district.col.status': 'Status',
  'district.incident': 'Incident {code}',
  'district.range': '{from} → {to}',
  'district.cameras': 'Cameras: {names}',
  'district.camerasAll': 'Cameras: all cameras of the incident',
  'district.status.pending': 'Waiting',
  'district.status.approved': 'Approved',
  'district.status.refused': 'Refused',
  'district.decidedBy': '{officer}, {time}',
  'district.refusedReason': 'Reason: {reason}',
  'district.approve': 'Approve',
  'district.refuse': 'Refuse',
  'district.waitCommander': 'Waiting for a commander',
  'district.approveTitle': 'Approve the export for the centre',
  'district.approveText':
    'The station will export this footage and send the package to the centre ({from}). The approval is recorded in the audit log and reported to the centre.',
  'district.refuseTitle': 'Refuse the export request',
  'district.refuseText':
    'The centre will receive the reason. The refusal is recorded in the audit log.',
  'district.refuseReason': 'Reason for refusing',
  'district.refuseReasonPlaceholder':
    'E.g. the footage belongs to an investigation kept confidential',
  'district.refuseReasonRequired': 'Enter the reason so the centre knows.',
  'district.confirmApprove': 'Approve export',
  'district.confirmRefuse': 'Refuse request',
  'district.deciding': 'Sending…',
  'error.conflict.already_decided':
    'This request has already been answered (perhaps on another computer). The list has been reloaded.',
  'error.conflict.request_being_decided':
    'This request is being answered on another computer. Wait a moment, then check the list.',
  'error.not_found.incident_not_found':
    'The station has no incident with the code the centre gave. Check the code in the incident log, or refuse and say why.',
  'error.conflict.request_incomplete':
    'The request lacks a time range or cameras, so nothing can be exported. Refuse it and ask the centre to send a complete request.',
  'toast.districtApproved': 'Centre request approved. The station is exporting the footage.',
  'toast.districtRefused': 'Centre request refused.',

  'district.statusItem': 'Centre: {state}',
  'district.bannerTitle': 'Centre export request',
  'district.bannerText': '{from}: {reason}',
  'district.bannerMore': '{n} more requests.',
  'district.bannerOpen': 'View request',
  'district.bannerHide': 'Hide notice (the request stays in the list)',
};
