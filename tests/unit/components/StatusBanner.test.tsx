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
