export { TimeRangePicker } from './TimeRangePicker';
export { TIME_RANGES, timeWindowOf } from './timeRanges';
export type { TimeRangeKey } from './timeRanges';
