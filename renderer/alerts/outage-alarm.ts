// Loops an <audio> while it is wanted and reports what the speaker really does:
// 'blocked' when the browser refused to play before any gesture (it retries on the
// next click or key), so a test or a technician can tell a silent alarm from a loud one.
import { useEffect, useState, type RefObject } from 'react';

export type AlarmState = 'off' | 'playing' | 'silenced' | 'blocked';

export function useLoopingAlarm(
  audioRef: RefObject<HTMLAudioElement | null>,
  /** Whether there is something to sound about. */
  active: boolean,
  silenced: boolean,
): AlarmState {
  const [state, setState] = useState<AlarmState>('off');
  const wanted = active && !silenced;

  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return undefined;
    if (!wanted) {
      audio.pause();
      audio.currentTime = 0;
      setState(active ? 'silenced' : 'off');
      return undefined;
    }
    let stopped = false;
    const start = () => {
      audio.loop = true;
      audio.play().then(
        () => !stopped && setState('playing'),
        () => !stopped && setState('blocked'),
      );
    };
    // Autoplay policy may refuse until the page has had a user gesture.
    const retry = () => {
      if (audio.paused) start();
    };
    window.addEventListener('pointerdown', retry, true);
    window.addEventListener('keydown', retry, true);
    start();
    return () => {
      stopped = true;
      window.removeEventListener('pointerdown', retry, true);
      window.removeEventListener('keydown', retry, true);
    };
  }, [audioRef, wanted, active]);

  return state;
}
