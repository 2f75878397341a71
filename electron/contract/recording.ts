// Recording: which cameras record, their state, and the index as stored.
import { z } from 'zod';
import { none, type ChannelMap, type EventMap } from './channel-spec';
import {
  CameraRecordingSettings,
  Recording,
  RecordingAlarmEvent,
  RecordingEvent,
  RecordingStatusInfo,
  SetCameraRecording,
  Timeline,
  TimelineRequest,
} from './recording-schemas';

export const recordingChannels = {
  'recording.statuses': {
    request: none,
    response: z.array(RecordingStatusInfo),
    access: 'session',
  },
  'recording.cameras': {
    request: none,
    response: z.array(CameraRecordingSettings),
    access: 'officer',
  },
  'recording.setCamera': {
    request: SetCameraRecording,
    response: CameraRecordingSettings,
    access: 'commander',
  },
  /**
   * Diagnostic: one camera's index rows and gaps as stored. The console reads footage through
   * playback.timeline and playback.segments; e2e specs and benchmarks check the index through this.
   */
  'recording.timeline': { request: TimelineRequest, response: Timeline, access: 'officer' },
} as const satisfies ChannelMap;

export const recordingEvents = {
  /** Per camera: recording or not, and why not. */
  'recording.status': RecordingStatusInfo,
  /** The most urgent storage alarm, or null when all are cleared. */
  'recording.alarm': RecordingAlarmEvent,
  /** A new entry of the recording event log. */
  'recording.event': RecordingEvent,
  /** A segment was filed and indexed. */
  'recording.segment': Recording,
} as const satisfies EventMap;
