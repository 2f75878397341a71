import { describe, expect, it } from 'vitest';
import { channels, contractDomains, events } from './channels';

describe('the contract merged from its domains', () => {
  for (const [kind, merged] of [
    ['channels', channels],
    ['events', events],
  ] as const) {
    it(`holds each domain's ${kind}, every one from exactly one domain`, () => {
      const owners = new Map<string, string[]>();
      for (const d of contractDomains)
        for (const name of Object.keys(d[kind]))
          owners.set(name, [...(owners.get(name) ?? []), d.domain]);
      const twice = [...owners].filter(([, domains]) => domains.length > 1);
      expect(twice).toEqual([]);
      expect(Object.keys(merged).sort()).toEqual([...owners.keys()].sort());
      for (const d of contractDomains)
        for (const [name, spec] of Object.entries(d[kind]))
          expect(merged[name as keyof typeof merged], name).toBe(spec);
    });
  }

  it('names each domain once', () => {
    const names = contractDomains.map((d) => d.domain);
    expect(new Set(names).size).toBe(names.length);
  });
});
