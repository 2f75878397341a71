// Handlers of the tamper.retakeReference channels. PLACEHOLDER written with the contract: replaced by the service wiring.
import { ApiError } from '../../contract/errors';
import type { Handler } from './dispatch';

export type TamperHandlers = {
  [
    C in
      | 'tamper.states'
      | 'tamper.settings'
      | 'tamper.updateSettings'
      | 'tamper.retakeReference'
      | 'alarm.open'
      | 'alarm.acknowledge'
      | 'camera.alarms'
  ]: Handler<C>;
};

const notYet = (): never => {
  throw new ApiError('internal', 'not_built');
};

export function createTamperHandlers(): TamperHandlers {
  return {
    'tamper.states': notYet,
    'tamper.settings': notYet,
    'tamper.updateSettings': notYet,
    'tamper.retakeReference': notYet,
    'alarm.open': notYet,
    'alarm.acknowledge': notYet,
    'camera.alarms': notYet,
  };
}
