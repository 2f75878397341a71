import { describe, expect, it } from 'vitest';
import { handoverPdfUrl } from './handover-pdf-url';

describe('handover PDF address', () => {
  it('carries the handover id, the launch token and the session token', () => {
    const url = new URL(handoverPdfUrl('http://127.0.0.1:4100/', 'h-1', 'm t', 's+1/='));
    expect(url.origin).toBe('http://127.0.0.1:4100');
    expect(url.pathname).toBe('/reports/handover.pdf');
    expect(url.searchParams.get('id')).toBe('h-1');
    expect(url.searchParams.get('token')).toBe('m t');
    expect(url.searchParams.get('session')).toBe('s+1/=');
  });
});
