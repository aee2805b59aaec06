import { instanceLabel, type NetBoxInstance } from '../lib/core/instance';

/** The side panel's "NetBox instance" select. */
export function InstancePicker(props: {
  instances: readonly NetBoxInstance[];
  value: string | null;
  onChange: (id: string) => void;
}) {
  return (
    <label class="pbl-label pbl-picker">
      <span>NetBox instance</span>
      <select class="pbl-select" value={props.value ?? ''} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.instances.map((instance) => (
          <option key={instance.id} value={instance.id}>
            {instanceLabel(instance)}
          </option>
        ))}
      </select>
    </label>
  );
}
