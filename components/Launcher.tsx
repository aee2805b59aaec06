/** The floating "Backend Logs" button; a tab on the panel's top edge while it is open. */
export function Launcher({ open, controls, onToggle }: { open: boolean; controls: string; onToggle: () => void }) {
  return (
    <button
      type="button"
      class={`pbl-launcher${open ? ' pbl-launcher--open' : ''}`}
      aria-expanded={open}
      aria-controls={controls}
      title={open ? 'Hide backend logs' : 'Show backend logs'}
      onClick={onToggle}
    >
      <svg class="pbl-launcher-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          d="M4 6h16M4 12h10M4 18h13"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
        />
      </svg>
      Backend Logs
    </button>
  );
}
