import { describe, expect, it } from 'vitest';
import { parsePresets } from './cam-ptz-device';
import { checkPresetToken, escapeXmlText, presetNameForCamera } from './ptz-xml';

describe('preset text for SOAP bodies', () => {
  it('escapes the five XML specials and leaves Vietnamese as it is', () => {
    expect(escapeXmlText(`Ngã tư <Phố> "Huế" & 'Hàng Bài'`)).toBe(
      'Ngã tư &lt;Phố&gt; &quot;Huế&quot; &amp; &apos;Hàng Bài&apos;',
    );
    // An element smuggled in a name stays text.
    expect(escapeXmlText('</PresetName><PresetToken>1')).not.toContain('<');
  });

  it('trims, drops control characters and keeps 32 whole characters', () => {
    expect(presetNameForCamera('  Cổng\tchợ\n ')).toBe('Cổng chợ');
    const emoji = '📷'.repeat(40);
    const cut = presetNameForCamera(emoji);
    expect(Array.from(cut)).toHaveLength(32);
    expect(cut).toBe('📷'.repeat(32));
  });

  it('accepts tokens cameras give and refuses ones that would break the XML', () => {
    for (const t of ['1', 'Preset_01', 'a.b:c-d']) expect(checkPresetToken(t)).toBe(t);
    for (const t of ['', 'a b', '1<x>', 'x'.repeat(65), 'Hướng']) {
      expect(() => checkPresetToken(t), t).toThrow('invalid_preset_token');
    }
  });

  it('reads every preset of a GetPresets reply, same names included', () => {
    const xml = `<s:Body><tptz:GetPresetsResponse>
      <tptz:Preset token="1"><tt:Name>Ng? t?</tt:Name></tptz:Preset>
      <tptz:Preset token="2"><tt:Name>Ng? t?</tt:Name><tt:PTZPosition/></tptz:Preset>
      <tptz:Preset token="3"><tt:Name>A &amp; B</tt:Name></tptz:Preset>
      <tptz:Preset token="bad token"><tt:Name>x</tt:Name></tptz:Preset>
      <tptz:Preset token="4"></tptz:Preset>
    </tptz:GetPresetsResponse></s:Body>`;
    expect(parsePresets(xml)).toEqual([
      { token: '1', name: 'Ng? t?' },
      { token: '2', name: 'Ng? t?' },
      { token: '3', name: 'A & B' },
      { token: '4', name: '4' },
    ]);
  });
});
