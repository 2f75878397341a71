// The SOAP faults the fake device answers with, each with the HTTP status a real
// device sends (SOAP 1.2 HTTP binding: Sender → 400, Receiver → 500).
import type { SoapFault } from './soap-replies';

export class FaultError extends Error {
  constructor(
    readonly status: number,
    readonly fault: SoapFault,
  ) {
    super(fault.reason);
  }
}

/** Dahua's text when the WS-Security Created stamp is off the device clock. */
export const TIME_CHECK_REASON = 'Wsse authorized time check failed.';

export function notAuthorized(reason = 'Sender not Authorized'): FaultError {
  return new FaultError(400, { code: 'env:Sender', subcodes: ['ter:NotAuthorized'], reason });
}

export function invalidArg(subcode: string, reason: string): FaultError {
  return new FaultError(400, {
    code: 'env:Sender',
    subcodes: ['ter:InvalidArgVal', `ter:${subcode}`],
    reason,
  });
}

export function actionNotSupported(op: string): FaultError {
  return new FaultError(500, {
    code: 'env:Receiver',
    subcodes: ['ter:ActionNotSupported'],
    reason: `Optional action not implemented: ${op}`,
  });
}

export function malformed(reason: string): FaultError {
  return new FaultError(400, {
    code: 'env:Sender',
    subcodes: ['ter:WellFormed'],
    reason: `Malformed request: ${reason}`,
  });
}
