// The log list's columns, in the order of the markup (the narrow layout reorders them
// visually only). Row cells and spanning cells take their count from here.

export const COLUMNS = ['Time', 'Level', 'Module', 'Message', 'Operation'] as const;
export type Column = (typeof COLUMNS)[number];

/** aria-colspan of a cell spanning the whole row (details, gap markers). */
export const COLUMN_COUNT = COLUMNS.length;
