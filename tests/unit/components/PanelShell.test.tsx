import { signal } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import { ROW_HEIGHT } from '../../../components/LogList';
import { MIN_PANEL_HEIGHT, PanelShell, defaultPanelHeight } from '../../../components/PanelShell';
import type { Theme } from '../../../components/netbox-theme';
import { act } from 'preact/test-utils';
import { SPACER_WAIT_MS } from '../../../components/use-spacer-open';
import { byRole, click, keyDown, queryByRole, renderUi, settle } from './render';

function shell(open: boolean, onLayoutChange = vi.fn(), theme = signal<Theme>('light'), height: number | null = 300) {
  return renderUi(
    <PanelShell initialLayout={{ open, height }} onLayoutChange={onLayoutChange} theme={theme} dockLeft={signal(240)}>
      {(close) => (
        <div role="region" aria-label="Backend Logs" tabIndex={-1}>
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
      )}
    </PanelShell>,
  );
}

describe('PanelShell', () => {
  it('shows only the launcher while closed; the launcher opens the docked panel', async () => {
    const onLayoutChange = vi.fn();
    const root = await shell(false, onLayoutChange);
    const launcher = byRole(root, 'button', 'Backend Logs');
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(queryByRole(root, 'region')).toBeNull();
    expect(root.querySelector<HTMLElement>('.pbl-spacer')!.style.height).toBe('0px');

    await click(launcher);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(byRole(root, 'region', 'Backend Logs')).toBeTruthy();
    expect(onLayoutChange).toHaveBeenLastCalledWith({ open: true, height: 300 });
    const dock = root.querySelector<HTMLElement>('.pbl-dock')!;
    expect(dock.style.height).toBe('300px');
    expect(dock.style.left).toBe('240px');
    expect(root.querySelector<HTMLElement>('.pbl-spacer')!.style.height).toBe('300px');

    await click(byRole(root, 'button', 'Close'));
    expect(queryByRole(root, 'region')).toBeNull();
    expect(onLayoutChange).toHaveBeenLastCalledWith({ open: false, height: 300 });
  });

  it('opens at 40% of the window, never fewer than 12 rows, until resized; the default is not saved as a resize', async () => {
    expect(defaultPanelHeight(2000)).toBe(800);
    expect(defaultPanelHeight(900)).toBeGreaterThanOrEqual(12 * ROW_HEIGHT + 3 * 40);
    expect(defaultPanelHeight(900)).toBeGreaterThan(900 * 0.4);

    const onLayoutChange = vi.fn();
    const root = await shell(false, onLayoutChange, signal<Theme>('light'), null);
    await click(byRole(root, 'button', 'Backend Logs'));
    const expected = Math.round(Math.min(window.innerHeight - 48, defaultPanelHeight(window.innerHeight)));
    expect(root.querySelector<HTMLElement>('.pbl-dock')!.style.height).toBe(`${expected}px`);
    expect(onLayoutChange).toHaveBeenLastCalledWith({ open: true, height: null });

    await keyDown(byRole(root, 'separator', 'Resize panel'), 'ArrowDown');
    expect(onLayoutChange).toHaveBeenLastCalledWith({ open: true, height: expected - 32 });
  });

  it('opens as it was left', async () => {
    const root = await shell(true);
    expect(byRole(root, 'button', 'Backend Logs').getAttribute('aria-expanded')).toBe('true');
    expect(byRole(root, 'region', 'Backend Logs')).toBeTruthy();
  });

  it('resizes from its top edge by keyboard and by dragging, and remembers the height', async () => {
    const onLayoutChange = vi.fn();
    const root = await shell(true, onLayoutChange);
    const edge = byRole(root, 'separator', 'Resize panel');
    await keyDown(edge, 'ArrowUp');
    expect(edge.getAttribute('aria-valuenow')).toBe('332');
    expect(onLayoutChange).toHaveBeenLastCalledWith({ open: true, height: 332 });
    await keyDown(edge, 'End');
    expect(edge.getAttribute('aria-valuenow')).toBe(String(MIN_PANEL_HEIGHT));

    edge.setPointerCapture = () => {};
    const pointer = (type: string, clientY: number) =>
      new PointerEvent(type, { bubbles: true, cancelable: true, clientY, pointerId: 1, button: 0 });
    edge.dispatchEvent(pointer('pointerdown', 500));
    edge.dispatchEvent(pointer('pointermove', 400));
    await settle();
    expect(edge.getAttribute('aria-valuenow')).toBe(String(MIN_PANEL_HEIGHT + 100));
    edge.dispatchEvent(pointer('pointerup', 380));
    await settle();
    expect(onLayoutChange).toHaveBeenLastCalledWith({ open: true, height: MIN_PANEL_HEIGHT + 120 });
    expect(root.querySelector<HTMLElement>('.pbl-dock')!.style.height).toBe(`${MIN_PANEL_HEIGHT + 120}px`);
  });

  it('never gets taller than the window', async () => {
    const root = await shell(true);
    const edge = byRole(root, 'separator', 'Resize panel');
    await keyDown(edge, 'Home');
    expect(Number(edge.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(window.innerHeight);
  });

  it('follows the theme', async () => {
    const theme = signal<Theme>('light');
    const root = await shell(false, vi.fn(), theme);
    const themed = root.querySelector('.pbl-root')!;
    expect(themed.getAttribute('data-theme')).toBe('light');
    theme.value = 'dark';
    await settle();
    expect(themed.getAttribute('data-theme')).toBe('dark');
  });

  it("with contentShown, makes room in the page only after the content's first screen is drawn; closing takes it back at once", async () => {
    const shown = signal(false);
    const root = await renderUi(
      <PanelShell initialLayout={{ open: false, height: 300 }} onLayoutChange={vi.fn()} theme={signal<Theme>('light')} dockLeft={signal(0)} contentShown={shown}>
        {() => <div role="region" aria-label="Backend Logs" tabIndex={-1} />}
      </PanelShell>,
    );
    const spacer = () => root.querySelector<HTMLElement>('.pbl-spacer')!.style.height;
    await click(byRole(root, 'button', 'Backend Logs'));
    expect(byRole(root, 'region', 'Backend Logs')).toBeTruthy();
    await settle(50);
    expect(spacer()).toBe('0px');

    await act(() => {
      shown.value = true;
    });
    await vi.waitFor(() => expect(spacer()).toBe('300px'));

    await click(byRole(root, 'button', 'Backend Logs'));
    expect(spacer()).toBe('0px');
  });

  it('does not wait for a first screen that never comes: the page makes room after SPACER_WAIT_MS', async () => {
    vi.useFakeTimers();
    try {
      const root = await renderUi(
        <PanelShell initialLayout={{ open: true, height: 300 }} onLayoutChange={vi.fn()} theme={signal<Theme>('light')} dockLeft={signal(0)} contentShown={signal(false)}>
          {() => <div role="region" aria-label="Backend Logs" tabIndex={-1} />}
        </PanelShell>,
      );
      const spacer = () => root.querySelector<HTMLElement>('.pbl-spacer')!.style.height;
      expect(spacer()).toBe('0px');
      await act(() => {
        vi.advanceTimersByTime(SPACER_WAIT_MS - 1);
      });
      expect(spacer()).toBe('0px');
      await act(() => {
        vi.advanceTimersByTime(1);
      });
      expect(spacer()).toBe('300px');
    } finally {
      vi.useRealTimers();
    }
  });
});

