import { LAUNCHER_ICON, LAUNCHER_LABEL, launcherClass, launcherTitle } from './launcher-look';

/** The floating "Backend Logs" button; a tab on the panel's top edge while it is open. */
export function Launcher({ open, controls, onToggle }: { open: boolean; controls: string; onToggle: () => void }) {
  return (
    <button type="button" class={launcherClass(open)} aria-expanded={open} aria-controls={controls} title={launcherTitle(open)} onClick={onToggle}>
      <svg {...LAUNCHER_ICON.svg}>
        <path {...LAUNCHER_ICON.path} />
      </svg>
      {LAUNCHER_LABEL}
    </button>
  );
}
