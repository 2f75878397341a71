import { describe, expect, it } from 'vitest';
import { onOff, topicEffect, topicSegments } from './event-topics';

describe('topicSegments', () => {
  it('strips each segment’s namespace prefix', () => {
    expect(topicSegments('tns1:RuleEngine/tnsaxis:TamperDetector/Tamper')).toEqual([
      'RuleEngine',
      'TamperDetector',
      'Tamper',
    ]);
    expect(topicSegments(' tns1:VideoSource/MotionAlarm ')).toEqual(['VideoSource', 'MotionAlarm']);
  });
});

describe('onOff', () => {
  it('reads true/false and 1/0 in any case, nothing else', () => {
    expect([onOff('true'), onOff('TRUE'), onOff('1'), onOff(' false '), onOff('0')]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect([onOff('yes'), onOff(''), onOff(undefined)]).toEqual([null, null, null]);
  });
});

describe('topicEffect', () => {
  it('maps the tamper, scene, blur, dark and video-loss topics to picture alarm kinds', () => {
    expect(topicEffect('tns1:RuleEngine/TamperDetector/Tamper', { IsTamper: 'true' })).toEqual({
      type: 'alarm',
      kind: 'scene',
      active: true,
    });
    expect(
      topicEffect('tns1:VideoSource/GlobalSceneChange/ImagingService', { State: 'false' }),
    ).toEqual({ type: 'alarm', kind: 'scene', active: false });
    expect(
      topicEffect('tns1:VideoSource/GlobalSceneChange/AnalyticsService', { State: 'true' }),
    ).toEqual({ type: 'alarm', kind: 'scene', active: true });
    expect(
      topicEffect('tns1:VideoSource/ImageTooBlurry/AnalyticsService', { State: 'true' }),
    ).toEqual({ type: 'alarm', kind: 'covered', active: true });
    expect(topicEffect('tns1:VideoSource/ImageTooDark/ImagingService', { State: 'true' })).toEqual({
      type: 'alarm',
      kind: 'black',
      active: true,
    });
    expect(topicEffect('tns1:VideoSource/SignalLoss', { State: 'true' })).toEqual({
      type: 'alarm',
      kind: 'black',
      active: true,
    });
    expect(topicEffect('tns1:VideoSource/VideoLoss', { State: 'false' })).toEqual({
      type: 'alarm',
      kind: 'black',
      active: false,
    });
  });

  it('maps both motion topics to motion, not to an alarm', () => {
    expect(topicEffect('tns1:RuleEngine/CellMotionDetector/Motion', { IsMotion: 'true' })).toEqual({
      type: 'motion',
      active: true,
    });
    expect(topicEffect('tns1:VideoSource/MotionAlarm', { State: 'false' })).toEqual({
      type: 'motion',
      active: false,
    });
  });

  it('needs the whole run of segments: a Tamper topic outside TamperDetector is unknown', () => {
    expect(topicEffect('tns1:RuleEngine/Tamper', { IsTamper: 'true' })).toEqual({
      type: 'unknown',
    });
    expect(topicEffect('tns1:RuleEngine/CellMotionDetector/Other', { IsMotion: 'true' })).toEqual({
      type: 'unknown',
    });
    expect(topicEffect('tns1:Device/Trigger/DigitalInput', { LogicalState: 'true' })).toEqual({
      type: 'unknown',
    });
  });

  it('matches vendor prefixes and case, and a lone on/off item under another name', () => {
    expect(
      topicEffect('tns1:RuleEngine/tnshik:TamperDetector/tnshik:Tamper', { istamper: '1' }),
    ).toEqual({ type: 'alarm', kind: 'scene', active: true });
    expect(topicEffect('tns1:VideoSource/ImageTooDark', { Value: 'true' })).toEqual({
      type: 'alarm',
      kind: 'black',
      active: true,
    });
  });

  it('is unreadable without an on/off value, and off when the property was deleted', () => {
    expect(topicEffect('tns1:VideoSource/ImageTooBlurry', { State: 'maybe' })).toEqual({
      type: 'unreadable',
    });
    expect(topicEffect('tns1:VideoSource/ImageTooBlurry', { A: 'true', B: 'false' })).toEqual({
      type: 'unreadable',
    });
    expect(topicEffect('tns1:VideoSource/ImageTooBlurry', {}, true)).toEqual({
      type: 'alarm',
      kind: 'covered',
      active: false,
    });
  });
});
