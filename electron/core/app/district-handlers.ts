// Handlers of the district link channels: thin calls into DistrictService.
import type { DistrictService } from '../district/district-service';
import type { Handler } from './dispatch';
import { actorOf } from './duty-handlers';

export type DistrictHandlers = {
  [
    C in
      | 'district.status'
      | 'district.connect'
      | 'district.disconnect'
      | 'district.requests'
      | 'district.decide'
  ]: Handler<C>;
};

export function createDistrictHandlers(district: DistrictService): DistrictHandlers {
  return {
    'district.status': () => district.status(),
    'district.connect': (req, ctx) => district.connect(req.credentials, actorOf(ctx)),
    'district.disconnect': (_req, ctx) => district.disconnect(actorOf(ctx)),
    'district.requests': (req) => district.requests(req),
    'district.decide': (req, ctx) =>
      district.decide(req.requestId, req.decision, req.reason, actorOf(ctx)),
  };
}
