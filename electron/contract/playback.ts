// Playback: what is recorded where, and the segments near the playhead (the bytes come over the
// media plane, recording-urls.ts).
import { type ChannelMap, type EventMap } from './channel-spec';
import {
  PlaybackSegments,
  PlaybackSegmentsRequest,
  PlaybackTimeline,
  PlaybackTimelineRequest,
} from './playback-schemas';

export const playbackChannels = {
  /** Recorded ranges, gaps, activity and incident markers of up to 16 cameras. */
  'playback.timeline': {
    request: PlaybackTimelineRequest,
    response: PlaybackTimeline,
    access: 'officer',
  },
  /** Indexed segments near the playhead; audited as a view of recorded footage. */
  'playback.segments': {
    request: PlaybackSegmentsRequest,
    response: PlaybackSegments,
    access: 'officer',
  },
} as const satisfies ChannelMap;

export const playbackEvents = {} as const satisfies EventMap;
