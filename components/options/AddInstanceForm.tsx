import { useId, useState } from 'preact/hooks';
import { patternsHavePorts } from '@/lib/core/match-pattern';
import type { OptionsStore } from './options-store';

export function AddInstanceForm({ store }: { store: OptionsStore }) {
  const id = useId();
  const [url, setUrl] = useState('');
  const error = store.addError.value;

  function onSubmit(event: Event) {
    event.preventDefault();
    // store.add asks for the permission before its first await: still inside this gesture.
    void store.add(url).then((added) => {
      if (added) setUrl('');
    });
  }

  return (
    <form class="add-form" onSubmit={onSubmit} noValidate>
      <label for={`${id}-url`}>NetBox URL</label>
      <div class="input-row">
        <input
          id={`${id}-url`}
          type="text"
          inputMode="url"
          autoComplete="url"
          spellcheck={false}
          placeholder="https://netbox.example.com"
          value={url}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-help ${id}-error`}
          onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="btn btn-primary" disabled={store.adding.value}>
          Add
        </button>
      </div>
      <p id={`${id}-help`} class="help">
        The address you open NetBox at, with its path if it has one (https://tools.example.com/netbox). The browser asks you to let
        the extension read that site: {patternsHavePorts() ? 'that host and port only' : "that host on every port (Firefox's site permissions cannot name a port)"}.
      </p>
      <p id={`${id}-error`} class="error" role="alert">
        {error ?? ''}
      </p>
    </form>
  );
}
