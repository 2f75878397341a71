// Cameras: the registry, probing a URL, and each camera's live stream status.
import { z } from 'zod';
import { byId, none, ok, type ChannelMap, type EventMap } from './channel-spec';
import {
  Camera,
  CameraInput,
  CameraUpdate,
  Id,
  ProbeRequest,
  ProbeResult,
  RecorderInput,
  StreamStatus,
} from './schemas';

export const cameraChannels = {
  'camera.list': { request: none, response: z.array(Camera), access: 'session' },
  /** Names of cameras, a removed one by the name it last had: footage and events outlive it. */
  'camera.names': {
    request: z.object({ ids: z.array(Id).max(500) }).strict(),
    response: z.array(z.object({ id: Id, name: z.string() })),
    access: 'session',
  },
  'camera.add': { request: CameraInput.strict(), response: Camera, access: 'commander' },
  'camera.addRecorder': {
    request: RecorderInput.strict(),
    response: z.array(Camera),
    access: 'commander',
  },
  'camera.update': { request: CameraUpdate.strict(), response: Camera, access: 'commander' },
  'camera.remove': { request: byId, response: ok, access: 'commander' },
  'camera.test': { request: ProbeRequest, response: ProbeResult, access: 'commander' },
  'camera.statuses': { request: none, response: z.array(StreamStatus), access: 'session' },
} as const satisfies ChannelMap;

export const cameraEvents = {
  'camera.status': StreamStatus,
  'camera.changed': z.object({ cameras: z.array(Camera) }),
} as const satisfies EventMap;
