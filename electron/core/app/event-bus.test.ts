import { describe, expect, it } from 'vitest';
import { EventBus } from './event-bus';

interface Topics {
  'camera.updated': { cameraId: string };
  'cameras.removed': { cameraIds: string[] };
}

function busWithLog() {
  const errors: { msg: string; fields?: Record<string, unknown> }[] = [];
  const bus = new EventBus<Topics>({ error: (msg, fields) => errors.push({ msg, fields }) });
  return { bus, errors };
}

describe('EventBus', () => {
  it('delivers a payload to the subscribers of its topic only, synchronously and in order', () => {
    const { bus } = busWithLog();
    const seen: string[] = [];
    bus.subscribe('camera.updated', (p) => void seen.push(`a:${p.cameraId}`));
    bus.subscribe('camera.updated', (p) => void seen.push(`b:${p.cameraId}`));
    bus.subscribe('cameras.removed', (p) => void seen.push(`removed:${p.cameraIds.join()}`));
    bus.publish('camera.updated', { cameraId: 'cam-1' });
    expect(seen).toEqual(['a:cam-1', 'b:cam-1']);
  });

  it('gives subscribeAll every topic after the topic subscribers', () => {
    const { bus } = busWithLog();
    const seen: string[] = [];
    bus.subscribeAll((topic) => void seen.push(`all:${topic}`));
    bus.subscribe('cameras.removed', () => void seen.push('own'));
    bus.publish('cameras.removed', { cameraIds: ['x'] });
    bus.publish('camera.updated', { cameraId: 'y' });
    expect(seen).toEqual(['own', 'all:cameras.removed', 'all:camera.updated']);
  });

  it('stops delivering after unsubscribe', () => {
    const { bus } = busWithLog();
    let calls = 0;
    const off = bus.subscribe('camera.updated', () => void calls++);
    const offAll = bus.subscribeAll(() => void calls++);
    bus.publish('camera.updated', { cameraId: 'a' });
    off();
    offAll();
    bus.publish('camera.updated', { cameraId: 'a' });
    expect(calls).toBe(2);
  });

  it('logs a throwing subscriber, runs the rest and never throws to the publisher', () => {
    const { bus, errors } = busWithLog();
    const seen: string[] = [];
    bus.subscribe('camera.updated', () => {
      throw new Error('boom');
    });
    bus.subscribe('camera.updated', (p) => void seen.push(p.cameraId));
    bus.subscribeAll(() => {
      throw new Error('feed down');
    });
    expect(() => bus.publish('camera.updated', { cameraId: 'cam-2' })).not.toThrow();
    expect(seen).toEqual(['cam-2']);
    expect(errors.map((e) => e.fields?.topic)).toEqual(['camera.updated', 'camera.updated']);
    expect(String(errors[0]?.fields?.err)).toContain('boom');
  });

  it('logs a rejected async subscriber without an unhandled rejection', async () => {
    const { bus, errors } = busWithLog();
    bus.subscribe('cameras.removed', async () => {
      throw new Error('async boom');
    });
    bus.publish('cameras.removed', { cameraIds: [] });
    // The rejection is caught on a later microtask; bounded wait for it.
    for (let i = 0; i < 50 && errors.length === 0; i++) await Promise.resolve();
    expect(errors).toHaveLength(1);
    expect(String(errors[0]?.fields?.err)).toContain('async boom');
  });

  it('delivers to a subscriber added during a publish only from the next publish', () => {
    const { bus } = busWithLog();
    const seen: string[] = [];
    bus.subscribe('camera.updated', () => {
      bus.subscribe('camera.updated', (p) => void seen.push(`late:${p.cameraId}`));
    });
    bus.publish('camera.updated', { cameraId: '1' });
    expect(seen).toEqual([]);
    bus.publish('camera.updated', { cameraId: '2' });
    expect(seen).toEqual(['late:2']);
  });
});
