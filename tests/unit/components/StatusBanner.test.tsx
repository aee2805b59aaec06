import { describe, expect, it } from 'vitest';
import { StatusBanner } from '../../../components/StatusBanner';
import type { Failure } from '../../../lib/core/failure';
import { renderUi } from './render';

const base = { lastSuccessAt: null, instanceLabel: 'netbox.example', baseUrl: 'https://netbox.example', linkTarget: '_self' as const, onRetry: () => {} };

async function meta(failure: Failure, nextRetryAt: number | null) {
  const root = await renderUi(<StatusBanner {...base} failure={failure} nextRetryAt={nextRetryAt} onConnect={() => {}} />);
  return root.querySelector('.pbl-banner-meta')!.textContent!;
}

describe('StatusBanner: the retry countdown', () => {
  it('shows when the view retries by itself', async () => {
    expect(await meta({ kind: 'backend-unreachable', backendUrl: 'http://10.0.0.7:8800' } as Failure, Date.now() + 5_000)).toMatch(/Retrying in [45] s/);
  });

  it('does not show beside a failure only the user can end (a key to enter)', async () => {
    const text = await meta({ kind: 'key-needed', backendUrl: 'http://10.0.0.7:8800' } as Failure, Date.now() + 5_000);
    expect(text).toContain('Enter backend API key');
    expect(text).not.toContain('Retrying');
  });
});

describe("StatusBanner: the backend's certificate", () => {
  const failure: Failure = { kind: 'backend-certificate', certificate: 'unknown-authority', backendUrl: 'https://10.0.0.7:8443', detail: 'net::ERR_CERT_AUTHORITY_INVALID' };

  it('in the page panel, the control opens the options page (onConnect), never the backend from the NetBox page', async () => {
    let opened = 0;
    const root = await renderUi(<StatusBanner {...base} failure={failure} nextRetryAt={null} onConnect={() => opened++} />);
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent === "Accept the backend's certificate")!;
    expect(root.querySelector('a[href^="https://10.0.0.7"]')).toBeNull();
    button.click();
    expect(opened).toBe(1);
  });

  it("in an extension page, it opens the backend's /docs in a new tab, where the browser shows its warning", async () => {
    const root = await renderUi(<StatusBanner {...base} linkTarget="_blank" failure={failure} nextRetryAt={Date.now() + 5_000} onConnect={() => {}} />);
    const link = [...root.querySelectorAll('a')].find((a) => a.textContent === "Accept the backend's certificate")!;
    expect([link.getAttribute('href'), link.getAttribute('target'), link.getAttribute('rel')]).toEqual(['https://10.0.0.7:8443/docs', '_blank', 'noopener noreferrer']);
    expect(root.textContent).toContain('net::ERR_CERT_AUTHORITY_INVALID');
    // Only the user can end it: no retry countdown, though the view looks again each interval.
    expect(root.textContent).not.toContain('Retrying');
  });
});
