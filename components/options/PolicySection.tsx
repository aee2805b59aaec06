import type { OptionsStore } from './options-store';

/**
 * What the administrator's policy set for this browser: how many instances, the one button
 * that asks for every origin it names that the browser still withholds, and a sentence for
 * each thing in it that could not apply. Nothing when there is no policy.
 */
export function PolicySection({ store }: { store: OptionsStore }) {
  const policy = store.policy.value;
  const missing = store.missing.value;
  if (!policy.set) return null;
  const count = policy.instances.length;
  // "https://nb.example.com:443/*" reads as the origin a person typed: "https://nb.example.com".
  const hosts = missing.map((pattern) => {
    const bare = pattern.replace(/\/\*$/, '');
    try {
      return new URL(bare).origin;
    } catch {
      return bare;
    }
  });
  return (
    <section class="card policy" aria-labelledby="policy-title">
      <h2 id="policy-title">Set by your administrator</h2>
      <p>
        {count === 0
          ? 'Your administrator’s policy sets no NetBox instance.'
          : `Your administrator set ${count} NetBox ${count === 1 ? 'instance' : 'instances'} for this browser.`}{' '}
        {policy.allowUserInstances ? '' : 'Adding others is turned off.'}
      </p>
      {missing.length > 0 ? (
        <div class="policy-access">
          <p class="state state-warn">The browser still needs your permission to reach {hosts.join(', ')}.</p>
          <button type="button" class="btn btn-primary" onClick={() => void store.grantManaged()}>
            {missing.length === 1 ? 'Allow access' : `Allow access to all ${missing.length}`}
          </button>
        </div>
      ) : null}
      {policy.problems.length > 0 ? (
        <div class="policy-problems">
          <h3>Not applied</h3>
          <p class="help">These parts of the policy are wrong; everything else in it applies. Your administrator can correct them.</p>
          <ul>
            {policy.problems.map((problem, index) => (
              <li key={index} class="state state-error">
                {problem}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
