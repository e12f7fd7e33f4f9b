export { TabbedCard } from './TabbedCard';
export type { CardTab } from './TabbedCard';
