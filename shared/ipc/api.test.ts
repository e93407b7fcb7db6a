import { describe, expect, it, vi } from 'vitest';
import { buildBridge } from './api';
import { channels, eventNames } from './contract';

describe('bridge built from the contract (preload and web transport)', () => {
  it('has exactly one function per channel, each invoking only its own channel', async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, value: null }));
    const bridge = buildBridge(invoke, () => () => undefined) as unknown as Record<string, Record<string, (r?: unknown) => Promise<unknown>>>;
    const exposed = Object.entries(bridge)
      .filter(([domain]) => domain !== 'eventi')
      .flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}.${verb}`));
    expect(exposed.sort()).toEqual([...channels].sort());
    for (const channel of channels) {
      const [domain, verb] = channel.split('.') as [string, string];
      invoke.mockClear();
      await bridge[domain]![verb]!({ probe: channel });
      expect(invoke).toHaveBeenCalledTimes(1);
      expect(invoke).toHaveBeenCalledWith(channel, { probe: channel });
    }
  });

  it('has exactly one subscription per event, returning an unsubscribe function', () => {
    const unsubscribers = new Map<string, ReturnType<typeof vi.fn>>();
    const subscribe = vi.fn((event: string) => {
      const off = vi.fn();
      unsubscribers.set(event, off);
      return off;
    });
    const bridge = buildBridge(async () => ({ ok: true, value: null }), subscribe) as unknown as {
      eventi: Record<string, Record<string, (listener: () => void) => () => void>>;
    };
    const exposed = Object.entries(bridge.eventi).flatMap(([domain, names]) => Object.keys(names).map((name) => `${domain}.${name}`));
    expect(exposed.sort()).toEqual([...eventNames].sort());
    for (const event of eventNames) {
      const [domain, name] = event.split('.') as [string, string];
      const off = bridge.eventi[domain]![name]!(() => undefined);
      expect(subscribe).toHaveBeenLastCalledWith(event, expect.any(Function));
      off();
      expect(unsubscribers.get(event)).toHaveBeenCalledTimes(1);
    }
  });

  it('offers no generic send, invoke or on', () => {
    const bridge = buildBridge(async () => ({ ok: true, value: null }), () => () => undefined) as unknown as Record<string, unknown>;
    for (const generic of ['send', 'invoke', 'on', 'ipcRenderer', 'emit']) expect(bridge[generic]).toBeUndefined();
  });
});
