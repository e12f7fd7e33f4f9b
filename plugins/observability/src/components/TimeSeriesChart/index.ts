export { TimeSeriesChart } from './TimeSeriesChart';
export { formatValue } from './formatValue';
export type { ValueUnit } from './formatValue';
export { seriesName } from './seriesName';
