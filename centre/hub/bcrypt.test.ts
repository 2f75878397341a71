import { describe, expect, it } from 'vitest';
import { bcryptHash, bcryptWithSalt } from './bcrypt';

describe('bcrypt', () => {
  it('matches the OpenBSD vectors and a long non-ASCII password', () => {
    expect(bcryptWithSalt('U*U', 5, 'CCCCCCCCCCCCCCCCCCCCC.')).toBe(
      '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW',
    );
    expect(bcryptWithSalt('', 6, 'DCq7YPn5Rq63x1Lad4cll.')).toBe(
      '$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.',
    );
    // Reference: Python crypt (libxcrypt) on this machine, $2b$ = $2a$ below 255 bytes.
    expect(bcryptWithSalt('pässwörd-long-0123456789', 6, 'abcdefghijklmnopqrstuu')).toBe(
      '$2a$06$abcdefghijklmnopqrstuu2vwaXkAyJyuWRTTCckZ9Vr3sfRJlLay',
    );
  });

  it('salts each hash anew', () => {
    const a = bcryptHash('same-password', 4);
    const b = bcryptHash('same-password', 4);
    expect(a).toMatch(/^\$2a\$04\$[./A-Za-z0-9]{53}$/);
    expect(a).not.toBe(b);
  });
});
