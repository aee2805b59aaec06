import { useEffect, useState } from 'preact/hooks';
import { saveChartFolded, watchChartFolded } from '../lib/browser/chart-fold-storage';

/** Whether the chart is folded, followed across views; folding saves the choice. */
export function useChartFolded(): [boolean, (folded: boolean) => void] {
  const [folded, setFolded] = useState(false);
  useEffect(() => watchChartFolded(setFolded), []);
  return [
    folded,
    (value) => {
      setFolded(value);
      void saveChartFolded(value);
    },
  ];
}
