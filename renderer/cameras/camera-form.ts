// The camera dialog's two forms (one camera by RTSP URL, a whole DVR/NVR) and what they
// become: the contract's inputs, and the stream a connection test probes.
import { recorderChannelUrls } from '../../electron/contract/camera-urls';
import { zodIssuesToFields } from '../../electron/contract/errors';
import {
  CameraInput,
  RecorderInput,
  type Camera,
  type CameraUpdate,
  type ProbeRequest,
  type Vendor,
} from '../../electron/contract/schemas';
import { hostOf } from './probe-message';

export type Tab = 'rtsp' | 'recorder';

export interface RtspForm {
  name: string;
  location: string;
  group: string;
  mainUrl: string;
  subUrl: string;
  username: string;
  password: string;
  removePassword: boolean;
}

export interface RecorderForm {
  vendor: Vendor;
  host: string;
  port: string;
  username: string;
  password: string;
  channels: string;
  mainPath: string;
  subPath: string;
  name: string;
  location: string;
  group: string;
}

export function rtspFormOf(camera: Camera | undefined): RtspForm {
  return {
    name: camera?.name ?? '',
    location: camera?.location ?? '',
    group: camera?.group ?? '',
    mainUrl: camera?.source === 'rtsp' ? camera.mainUrl : '',
    subUrl: camera?.source === 'rtsp' ? (camera.subUrl ?? '') : '',
    username: camera?.username ?? '',
    password: '',
    removePassword: false,
  };
}

export const emptyRecorder: RecorderForm = {
  vendor: 'hikvision',
  host: '',
  port: '554',
  username: 'admin',
  password: '',
  channels: '4',
  mainPath: '',
  subPath: '',
  name: '',
  location: '',
  group: '',
};

export const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

export const rtspInputOf = (form: RtspForm) => ({
  name: form.name,
  location: form.location,
  group: form.group,
  mainUrl: form.mainUrl,
  subUrl: orNull(form.subUrl),
  username: orNull(form.username),
  password: form.password === '' ? null : form.password,
});

export const recorderInputOf = (rec: RecorderForm) => ({
  vendor: rec.vendor,
  host: rec.host,
  port: Number(rec.port),
  username: orNull(rec.username),
  password: rec.password === '' ? null : rec.password,
  channels: Number(rec.channels),
  // Custom paths only for unbranded recorders; empty = the core's default pattern.
  ...(rec.vendor === 'generic' && rec.mainPath.trim() ? { mainPath: rec.mainPath.trim() } : {}),
  ...(rec.vendor === 'generic' && rec.subPath.trim() ? { subPath: rec.subPath.trim() } : {}),
  name: rec.name,
  location: rec.location,
  group: rec.group,
});

/** Same zod schemas as main, so most mistakes show before a round trip (null: none). */
export function formIssuesOf(
  addingRecorder: boolean,
  isDemo: boolean,
  form: RtspForm,
  rec: RecorderForm,
): Record<string, string> | null {
  let result;
  if (addingRecorder) result = RecorderInput.safeParse(recorderInputOf(rec));
  else if (isDemo)
    result = CameraInput.pick({ name: true, location: true, group: true }).safeParse(
      rtspInputOf(form),
    );
  else result = CameraInput.safeParse(rtspInputOf(form));
  return result.success ? null : zodIssuesToFields(result.error);
}

/** The edit of a stored camera: a demo camera's stream is fixed, so only its labels change. */
export function cameraUpdateOf(camera: Camera, isDemo: boolean, form: RtspForm): CameraUpdate {
  const base = { id: camera.id, name: form.name, location: form.location, group: form.group };
  return isDemo
    ? base
    : {
        ...base,
        mainUrl: form.mainUrl,
        subUrl: orNull(form.subUrl),
        username: orNull(form.username),
        // Empty keeps the stored password; it is never sent back to us.
        ...(form.removePassword
          ? { password: null }
          : form.password
            ? { password: form.password }
            : {}),
      };
}

/** What a connection test probes, and the host its message names; or the form's field issues. */
export type ProbeTarget =
  { request: ProbeRequest; host: string } | { fields: Record<string, string> };

export function probeTargetOf(
  addingRecorder: boolean,
  rec: RecorderForm,
  form: RtspForm,
  camera: Camera | undefined,
  isDemo: boolean,
): ProbeTarget {
  if (addingRecorder) {
    const r = RecorderInput.safeParse(recorderInputOf(rec));
    if (!r.success) return { fields: zodIssuesToFields(r.error) };
    const custom =
      rec.vendor === 'generic' && rec.mainPath.trim() ? { main: rec.mainPath.trim() } : undefined;
    const url = recorderChannelUrls(rec.vendor, rec.host.trim(), Number(rec.port), 1, custom).main;
    return {
      request: { url, username: orNull(rec.username), password: rec.password || null },
      host: `${rec.host.trim()}:${rec.port}`,
    };
  }
  // An unchanged camera is probed by id: main holds its password, the console never does.
  if (camera && (isDemo || (!form.password && form.mainUrl.trim() === camera.mainUrl)))
    return { request: { cameraId: camera.id, stream: 'main' }, host: hostOf(camera.mainUrl) };
  const r = CameraInput.safeParse(rtspInputOf(form));
  if (!r.success) return { fields: zodIssuesToFields(r.error) };
  return {
    request: {
      url: form.mainUrl.trim(),
      username: orNull(form.username),
      password: form.password || null,
    },
    host: hostOf(form.mainUrl),
  };
}
