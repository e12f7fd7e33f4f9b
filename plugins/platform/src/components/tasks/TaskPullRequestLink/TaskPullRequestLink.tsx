import type { PlatformTask } from '@catalyst/plugin-platform-common';
import Link from '@material-ui/core/Link';

/** Where a task's pull request lives, if it has one. */
export function taskPullRequest(
  task: Pick<PlatformTask, 'linkedPrNumber' | 'repository' | 'result'>,
): { number: number; url?: string } | undefined {
  const linked = task.result?.linkedPr;
  const number = linked?.number ?? task.linkedPrNumber;
  if (number === undefined) {
    return undefined;
  }
  const url =
    linked?.url ??
    (task.repository
      ? `https://github.com/${task.repository}/pull/${number}`
      : undefined);
  return { number, url };
}

/** A link to the pull request a task opened, or its number when no URL is known. */
export function TaskPullRequestLink(props: {
  task: Pick<PlatformTask, 'linkedPrNumber' | 'repository' | 'result'>;
}) {
  const pullRequest = taskPullRequest(props.task);
  if (!pullRequest) {
    return null;
  }
  if (!pullRequest.url) {
    return <span>#{pullRequest.number}</span>;
  }
  return (
    <Link href={pullRequest.url} target="_blank" rel="noopener noreferrer">
      #{pullRequest.number}
    </Link>
  );
}
