import type { LogsViewModel } from '../lib/core/logs-view-model';
import { normalizeSearch } from '../lib/core/search-entries';

// Beside "Showing N of M" while a search is typed: that it reads what the backend holds
// beyond what was loaded, how far it got, and then what the N matches were found among
// (lib/core/search-everything.ts does the reading).

type Vm = Pick<LogsViewModel, 'search' | 'searchingAll' | 'hasOlder' | 'loadedCount' | 'shownCount' | 'total'>;

const number = (n: number) => n.toLocaleString('en-US');

export function SearchProgress({ vm }: { vm: Vm }) {
  if (normalizeSearch(vm.search.value) === '') return null;
  const loaded = vm.loadedCount.value;
  const total = vm.total.value;
  // Beside "Showing N of M", where N already counts the matches.
  let text: string;
  if (vm.searchingAll.value) text = `· searching everything the backend holds: ${number(loaded)}${total !== null ? ` of ${number(total)}` : ''} read…`;
  else if (!vm.hasOlder.value) text = `· matches among all ${number(loaded)} entries the backend holds`;
  // Not all read (a failed page is shown apart): say what was searched.
  else text = `· matches among the ${number(loaded)} loaded entries only`;
  return (
    <span class="pbl-search-progress" role="status">
      {text}
    </span>
  );
}
