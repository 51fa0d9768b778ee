import { describe, expect, it } from 'vitest';
import { compactText, pickText } from '../src/lib/text';

describe('pickText', () => {
  const text = { vi: 'Ép phun nhựa', en: 'Injection moulding', ja: '射出成形' };

  it('shows the UI language when present', () => {
    expect(pickText(text, 'ja')).toEqual({ text: '射出成形', lang: 'ja' });
    expect(pickText(text, 'vi')).toEqual({ text: 'Ép phun nhựa', lang: 'vi' });
  });

  it('falls back to English, then Vietnamese, then any language', () => {
    expect(pickText(text, 'zh-Hant')).toEqual({ text: 'Injection moulding', lang: 'en' });
    expect(pickText({ vi: 'Dập', ko: '프레스' }, 'ja')).toEqual({ text: 'Dập', lang: 'vi' });
    expect(pickText({ ko: '프레스' }, 'en')).toEqual({ text: '프레스', lang: 'ko' });
    expect(pickText({ xx: 'other' }, 'en')).toEqual({ text: 'other', lang: 'xx' });
  });

  it('prefers the other Chinese script over English', () => {
    expect(pickText({ en: 'Die casting', 'zh-Hans': '压铸' }, 'zh-Hant')).toEqual({ text: '压铸', lang: 'zh-Hans' });
  });

  it('skips blank texts and handles missing values', () => {
    expect(pickText({ ja: '  ', en: 'Stamping' }, 'ja')).toEqual({ text: 'Stamping', lang: 'en' });
    expect(pickText({}, 'vi')).toBeNull();
    expect(pickText(null, 'vi')).toBeNull();
  });
});

describe('compactText', () => {
  it('drops empty languages and trims', () => {
    expect(compactText({ vi: ' Khuôn ', en: '', ja: '  ' })).toEqual({ vi: 'Khuôn' });
  });
});
