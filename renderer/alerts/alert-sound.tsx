// Plays the offline alarm each time the store raises an alert, unless muted.
import { useEffect, useRef } from 'react';
import alertUrl from '../../resources/sounds/alert.wav';
import { useStationState } from '../store/store-context';

export function AlertSound() {
  const seq = useStationState((s) => s.alertSeq);
  const muted = useStationState((s) => s.settings.alertMuted);
  const audioRef = useRef<HTMLAudioElement>(null);
  const lastSeq = useRef(seq);

  useEffect(() => {
    if (seq === lastSeq.current) return;
    lastSeq.current = seq;
    const audio = audioRef.current;
    if (muted || !audio) return;
    audio.currentTime = 0;
    // Autoplay policy may refuse before the first user gesture; the toast still shows.
    void audio.play().catch(() => undefined);
  }, [seq, muted]);

  useEffect(() => {
    if (muted) audioRef.current?.pause();
  }, [muted]);

  return (
    <audio
      ref={audioRef}
      src={alertUrl}
      preload="auto"
      data-testid="alert-sound"
      data-alert-seq={seq}
    />
  );
}
