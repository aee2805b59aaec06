import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DisplaySection } from '@/components/options/DisplaySection';
import { loadDisplayPrefs, saveDisplayPrefs, watchDisplayPrefs } from '@/lib/browser/display-prefs-storage';
import { settle } from './dom';

let container: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const radio = (value: string) => container.querySelector<HTMLInputElement>(`input[type="radio"][value="${value}"]`)!;

describe('display preferences', () => {
  it('default to local time; live in storage.local under their own key, never in sync', async () => {
    expect(await loadDisplayPrefs()).toEqual({ timeZone: 'local' });
    await saveDisplayPrefs({ timeZone: 'utc' });
    expect(await fakeBrowser.storage.local.get('display-prefs')).toEqual({ 'display-prefs': { timeZone: 'utc' } });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('read anything unknown as the default', async () => {
    await fakeBrowser.storage.local.set({ 'display-prefs': { timeZone: 'Mars/Olympus' } });
    expect(await loadDisplayPrefs()).toEqual({ timeZone: 'local' });
  });

  it('are followed by open views when the options page changes them', async () => {
    const life = new AbortController();
    const prefs = watchDisplayPrefs(life.signal);
    await settle();
    expect(prefs.value.timeZone).toBe('local');
    await saveDisplayPrefs({ timeZone: 'utc' });
    await settle();
    expect(prefs.value.timeZone).toBe('utc');
    life.abort();
  });
});

describe('options: Display section', () => {
  it('shows the saved choice and saves a new one at once', async () => {
    await saveDisplayPrefs({ timeZone: 'utc' });
    await act(() => render(<DisplaySection />, container));
    await settle();
    expect(container.querySelector('h2')!.textContent).toBe('Display');
    expect(radio('utc').checked).toBe(true);
    expect(radio('local').parentElement!.textContent).toMatch(/^Local time \(UTC[+\u2212]\d{2}:\d{2}\)$/);

    await act(() => radio('local').click());
    await settle();
    expect(radio('local').checked).toBe(true);
    expect(await loadDisplayPrefs()).toEqual({ timeZone: 'local' });
  });
});
