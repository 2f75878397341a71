// One question to main when a component mounts (and again when `key` changes), its
// answer kept in state; a failure keeps the fallback (the caller has another way on).
import { useEffect, useRef, useState } from 'react';
import type { StationApi } from '../../electron/contract/api';
import { useApi } from '../store/store-context';

/** `ask` null: nothing is asked (e.g. a channel the officer may not call). */
export function useAnswer<T>(
  ask: ((api: StationApi) => Promise<T>) | null,
  fallback: T,
  key: string,
): T {
  const api = useApi();
  const [answer, setAnswer] = useState<T>(fallback);
  // A new closure each render: the question is keyed by `key`, not by the closure.
  const question = useRef(ask);
  question.current = ask;
  const enabled = ask !== null;
  useEffect(() => {
    const current = question.current;
    if (!current) return undefined;
    let alive = true;
    current(api).then(
      (value) => alive && setAnswer(value),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [api, key, enabled]);
  return answer;
}
