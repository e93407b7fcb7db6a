import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender';

describe('isTrustedSender', () => {
  it('accepts only the app origin in the main frame', () => {
    expect(isTrustedSender({ url: 'app://sportello/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://sportello/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'https://sportello/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///etc/passwd', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://sportello.evil.com/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'not a url', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('accepts a dev server origin only when configured', () => {
    const frame = { url: 'http://127.0.0.1:5173/', parent: null };
    expect(isTrustedSender(frame)).toBe(false);
    expect(isTrustedSender(frame, 'http://127.0.0.1:5173')).toBe(true);
    expect(isTrustedSender({ url: 'http://127.0.0.1:5174/', parent: null }, 'http://127.0.0.1:5173')).toBe(false);
  });
});
