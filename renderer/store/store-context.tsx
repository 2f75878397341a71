import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import type { StationStore } from './create-store';
import type { StationState } from './types';

interface Station {
  store: StationStore;
  api: StationApi;
}

const StationContext = createContext<Station | null>(null);

export function StationProvider(props: Station & { children: ReactNode }) {
  return (
    <StationContext.Provider value={{ store: props.store, api: props.api }}>
      {props.children}
    </StationContext.Provider>
  );
}

function useStation(): Station {
  const ctx = useContext(StationContext);
  if (!ctx) throw new Error('StationProvider missing');
  return ctx;
}

/** Select narrowly: components re-render only when their slice of state changes. */
export function useStationState<T>(selector: (s: StationState) => T): T {
  return useStore(useStation().store, selector);
}

export function useApi(): StationApi {
  return useStation().api;
}

export function useStationStore(): StationStore {
  return useStation().store;
}
