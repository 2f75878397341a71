// The renderer's one `api` object, grouped by domain (Insomnia's bridge API
// shape). Built from any transport, so the renderer never knows whether
// Electron IPC or the loopback WebSocket carries the call.
import type { Channel, EventName, EventOf, RequestOf, ResponseOf } from './channels';

export interface Transport {
  invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}

const call =
  <C extends Channel>(t: Transport, channel: C) =>
  (payload: RequestOf<C>): Promise<ResponseOf<C>> =>
    t.invoke(channel, payload);

const call0 =
  <C extends Channel>(t: Transport, channel: C) =>
  (): Promise<ResponseOf<C>> =>
    t.invoke(channel, {} as RequestOf<C>);

export function createApi(t: Transport) {
  return {
    system: {
      info: call0(t, 'system.info'),
      stopService: call(t, 'system.stopService'),
      consoleEvent: call(t, 'system.consoleEvent'),
    },
    auth: {
      state: call0(t, 'auth.state'),
      setup: call(t, 'auth.setup'),
      signIn: call(t, 'auth.signIn'),
      resume: call(t, 'auth.resume'),
      signOut: call0(t, 'auth.signOut'),
      lock: call0(t, 'auth.lock'),
      activity: call0(t, 'auth.activity'),
      unlock: call(t, 'auth.unlock'),
      changePassword: call(t, 'auth.changePassword'),
    },
    officers: {
      list: call0(t, 'officer.list'),
      create: call(t, 'officer.create'),
      update: call(t, 'officer.update'),
      resetPassword: call(t, 'officer.resetPassword'),
    },
    shifts: {
      current: call0(t, 'shift.current'),
      end: call(t, 'shift.end'),
      acknowledge: call(t, 'shift.acknowledge'),
      handovers: call(t, 'shift.handovers'),
      handover: call(t, 'shift.handover'),
    },
    incidents: {
      create: call(t, 'incident.create'),
      update: call(t, 'incident.update'),
      get: call(t, 'incident.get'),
      list: call(t, 'incident.list'),
      addSnapshot: call(t, 'incident.addSnapshot'),
      lock: call(t, 'incident.lock'),
      unlock: call(t, 'incident.unlock'),
    },
    playback: {
      timeline: call(t, 'playback.timeline'),
      segments: call(t, 'playback.segments'),
    },
    exports: {
      drives: call0(t, 'export.drives'),
      chooseFolder: call0(t, 'export.chooseFolder'),
      recentFolders: call0(t, 'export.recentFolders'),
      plan: call(t, 'export.plan'),
      start: call(t, 'export.start'),
      cancel: call(t, 'export.cancel'),
      list: call(t, 'export.list'),
    },
    district: {
      status: call0(t, 'district.status'),
      connect: call(t, 'district.connect'),
      disconnect: call0(t, 'district.disconnect'),
      requests: call(t, 'district.requests'),
      decide: call(t, 'district.decide'),
    },
    audit: {
      list: call(t, 'audit.list'),
      verify: call0(t, 'audit.verify'),
    },
    cameras: {
      list: call0(t, 'camera.list'),
      names: call(t, 'camera.names'),
      add: call(t, 'camera.add'),
      addRecorder: call(t, 'camera.addRecorder'),
      update: call(t, 'camera.update'),
      remove: call(t, 'camera.remove'),
      test: call(t, 'camera.test'),
      statuses: call0(t, 'camera.statuses'),
      outages: call(t, 'camera.outages'),
      healths: call0(t, 'camera.healths'),
    },
    outages: {
      open: call0(t, 'outage.open'),
      acknowledge: call(t, 'outage.acknowledge'),
    },
    alarms: {
      open: call0(t, 'alarm.open'),
      acknowledge: call(t, 'alarm.acknowledge'),
      list: call(t, 'camera.alarms'),
    },
    tamper: {
      states: call0(t, 'tamper.states'),
      settings: call(t, 'tamper.settings'),
      updateSettings: call(t, 'tamper.updateSettings'),
      retakeReference: call(t, 'tamper.retakeReference'),
    },
    onvif: {
      discover: call(t, 'onvif.discover'),
      inspect: call(t, 'onvif.inspect'),
      add: call(t, 'onvif.add'),
    },
    clocks: {
      list: call0(t, 'camera.clocks'),
      check: call(t, 'camera.clockCheck'),
      set: call(t, 'camera.setClock'),
    },
    ptz: {
      info: call(t, 'ptz.info'),
      move: call(t, 'ptz.move'),
      stop: call(t, 'ptz.stop'),
      gotoPreset: call(t, 'ptz.gotoPreset'),
      setPreset: call(t, 'ptz.setPreset'),
      removePreset: call(t, 'ptz.removePreset'),
    },
    layouts: {
      list: call0(t, 'layout.list'),
      save: call(t, 'layout.save'),
      remove: call(t, 'layout.remove'),
    },
    settings: {
      get: call0(t, 'settings.get'),
      update: call(t, 'settings.update'),
      updateStation: call(t, 'settings.updateStation'),
    },
    recordings: {
      statuses: call0(t, 'recording.statuses'),
      cameras: call0(t, 'recording.cameras'),
      setCamera: call(t, 'recording.setCamera'),
      timeline: call(t, 'recording.timeline'),
    },
    storage: {
      summary: call0(t, 'storage.summary'),
      events: call(t, 'storage.events'),
      settings: call0(t, 'storage.settings'),
      setQuota: call(t, 'storage.setQuota'),
      folderChoices: call0(t, 'storage.folderChoices'),
      setFolder: call(t, 'storage.setFolder'),
    },
    on: <E extends EventName>(event: E, listener: (payload: EventOf<E>) => void) =>
      t.on(event, listener),
  };
}

export type StationApi = ReturnType<typeof createApi>;
