import { normaliseBackendUrl } from '../core/instance-url';
import type { NetBoxInstance } from '../core/instance';
import { loadInstances, updateInstance } from '../browser/settings-storage';

// NetBox's plugin answered with where proxbox-api is instead of logs (contract §2a): from
// now on the instance reads from the backend. The address NetBox names is kept apart
// from the one the browser uses, which the user may have set (NetBox often names an
// address only it can reach, like http://proxbox-api:8800 in Docker Compose); a named
// address becomes the browser's only while the user has given none.

export async function adoptBackend(instanceId: string, namedUrl: string): Promise<NetBoxInstance | null> {
  const named = namedUrl ? normaliseBackendUrl(namedUrl) : null;
  const fromNetBox = named?.ok ? named.baseUrl : null;
  const current = (await loadInstances()).find((i) => i.id === instanceId);
  if (!current) return null;
  const backendUrl = current.backendUrl ?? fromNetBox;
  if (current.logsVia === 'backend' && current.backendUrlFromNetBox === fromNetBox && current.backendUrl === backendUrl) return current;
  return updateInstance(instanceId, {
    logsVia: 'backend',
    backendUrlFromNetBox: fromNetBox,
    backendUrl,
  });
}
