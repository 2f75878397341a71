// Handlers of the camera.clocks channels. PLACEHOLDER written with the contract: replaced by the service wiring.
import { ApiError } from '../../contract/errors';
import type { Handler } from './dispatch';

export type OnvifHandlers = {
  [
    C in
      | 'onvif.discover'
      | 'onvif.inspect'
      | 'onvif.add'
      | 'camera.clocks'
      | 'camera.clockCheck'
      | 'camera.setClock'
  ]: Handler<C>;
};

const notYet = (): never => {
  throw new ApiError('internal', 'not_built');
};

export function createOnvifHandlers(): OnvifHandlers {
  return {
    'onvif.discover': notYet,
    'onvif.inspect': notYet,
    'onvif.add': notYet,
    'camera.clocks': notYet,
    'camera.clockCheck': notYet,
    'camera.setClock': notYet,
  };
}
