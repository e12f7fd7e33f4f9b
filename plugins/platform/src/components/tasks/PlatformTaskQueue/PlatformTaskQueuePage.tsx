import { Content } from '@backstage/core-components';
import { GithubBudgetCard } from '../GithubBudget';
import { PlatformTaskQueue } from './PlatformTaskQueue';

/** The `/platform-tasks` page: every platform task across the catalog. */
export function PlatformTaskQueuePage() {
  return (
    <Content>
      <GithubBudgetCard />
      <PlatformTaskQueue />
    </Content>
  );
}
