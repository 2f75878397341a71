// Handlers of the ptz.gotoPreset channels. PLACEHOLDER written with the contract: replaced by the service wiring.
import { ApiError } from '../../contract/errors';
import type { Handler } from './dispatch';

export type PtzHandlers = {
  [
    C in
      'ptz.info' | 'ptz.move' | 'ptz.stop' | 'ptz.gotoPreset' | 'ptz.setPreset' | 'ptz.removePreset'
  ]: Handler<C>;
};

const notYet = (): never => {
  throw new ApiError('internal', 'not_built');
};

export function createPtzHandlers(): PtzHandlers {
  return {
    'ptz.info': notYet,
    'ptz.move': notYet,
    'ptz.stop': notYet,
    'ptz.gotoPreset': notYet,
    'ptz.setPreset': notYet,
    'ptz.removePreset': notYet,
  };
}
