import { useEffect, useState } from 'preact/hooks';
import { zoneName, type TimeZoneChoice } from '@/lib/core/format-time';
import { loadDisplayPrefs, saveDisplayPrefs, type DisplayPrefs } from '../../lib/browser/display-prefs-storage';

const CHOICES: { value: TimeZoneChoice; label: string }[] = [
  { value: 'local', label: 'Local time' },
  { value: 'utc', label: 'UTC' },
];

/** "Display": how every view writes times. Saved at once; open views follow. */
export function DisplaySection() {
  const [prefs, setPrefs] = useState<DisplayPrefs | null>(null);
  useEffect(() => {
    let live = true;
    void loadDisplayPrefs().then((p) => live && setPrefs(p));
    return () => {
      live = false;
    };
  }, []);

  const choose = (timeZone: TimeZoneChoice) => {
    const next = { ...prefs, timeZone };
    setPrefs(next);
    void saveDisplayPrefs(next);
  };

  return (
    <section class="card" aria-labelledby="display-title">
      <h2 id="display-title">Display</h2>
      <fieldset class="choices" disabled={prefs === null}>
        <legend>Show log times in</legend>
        {CHOICES.map((c) => (
          <label key={c.value} class="choice">
            <input
              type="radio"
              name="time-zone"
              value={c.value}
              checked={prefs?.timeZone === c.value}
              onChange={() => choose(c.value)}
            />
            {c.label}
            {c.value === 'local' && <span class="muted"> ({zoneName('local')})</span>}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
