// Asks main what an export of the current selection would be (footage per camera,
// size, folder name, what blocks it), debounced while the officer types; an
// answer to an older selection is dropped.
import { useEffect, useState } from 'react';
import type { ExportPlan, ExportSelection } from '../../electron/contract/export-schemas';
import { errorKey, toUiError } from '../api/api-error';
import type { MessageKey } from '../i18n/translate';
import { useApi } from '../store/store-context';
import { exportFieldsOf, selectionKey, type ExportFields } from './export-form';

export const PLAN_DEBOUNCE_MS = 400;

export interface PlanState {
  plan: ExportPlan | null;
  /** The selection key the plan answers; a plan for an older key is stale. */
  key: string | null;
  loading: boolean;
  error: MessageKey | null;
  fields: ExportFields;
}

const EMPTY: PlanState = { plan: null, key: null, loading: false, error: null, fields: {} };

/**
 * `refreshKey` re-asks for the same selection when something outside it changed
 * (the chosen drive's free space).
 */
export function useExportPlan(selection: ExportSelection | null, refreshKey: string): PlanState {
  const api = useApi();
  const [state, setState] = useState<PlanState>(EMPTY);
  const key = selection ? selectionKey(selection) : null;
  useEffect(() => {
    if (!selection || key === null) {
      setState(EMPTY);
      return;
    }
    let alive = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      api.exports.plan(selection).then(
        (plan) => {
          if (alive) setState({ plan, key, loading: false, error: null, fields: {} });
        },
        (e: unknown) => {
          if (!alive) return;
          setState({
            plan: null,
            key,
            loading: false,
            error: errorKey(e),
            fields: exportFieldsOf(toUiError(e).fields),
          });
        },
      );
    }, PLAN_DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
    // The key stands for the selection's content; a new object with the same content is no change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, refreshKey]);
  return state;
}
