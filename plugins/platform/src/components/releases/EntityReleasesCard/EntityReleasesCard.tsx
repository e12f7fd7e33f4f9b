import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  ComponentReleases,
  ReleaseCommit,
} from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { platformApiRef } from '../../../api';
import { useReloadableAsync } from '../../../hooks/useReloadableAsync';
import { DateTime } from '../../shared/DateTime';

const DECIDED_BY: Record<ComponentReleases['reason']['decidedBy'], string> = {
  breaking: 'Breaking change',
  feat: 'New feature',
  fix: 'Fix',
  'release-as': 'Release-As footer',
  'first-release': 'First release',
  none: 'Nothing to release',
};

function External(props: { href?: string; children: ReactNode }) {
  if (!props.href) return <>{props.children}</>;
  return (
    <Link href={props.href} target="_blank" rel="noopener noreferrer">
      {props.children}
    </Link>
  );
}

function CommitLine(props: { commit: ReleaseCommit }) {
  const { commit } = props;
  return (
    <li>
      {commit.scope && <strong>{commit.scope}: </strong>}
      {commit.subject}{' '}
      {commit.pr !== undefined && (
        <>
          (<External href={commit.pullRequestUrl}>#{commit.pr}</External>){' '}
        </>
      )}
      <External href={commit.commitUrl}>
        <code>{commit.hash.slice(0, 7)}</code>
      </External>
    </li>
  );
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mt={2} component="section" aria-label={props.title}>
      <Typography variant="subtitle2" component="h3">
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** The card's body for a loaded answer. */
export function ReleasesSummary(props: { releases: ComponentReleases }) {
  const { releases: r } = props;
  const nothing = r.bump === 'none';
  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="h5" component="p" aria-label="Next version">
          {nothing ? r.previousVersion ?? '—' : r.nextVersion}
        </Typography>
        {!nothing && <Chip size="small" label={r.bump} />}
        <Typography variant="body2" color="textSecondary">
          {nothing
            ? `Nothing to release since ${r.previousTag ?? 'the first commit'}`
            : `next ${r.nextTag}${
                r.previousTag ? `, after ${r.previousTag}` : ''
              }`}
        </Typography>
      </Box>
      {r.automation && (
        <Typography variant="body2" color="textSecondary">
          Releases with {r.automation.tool} ({r.automation.file})
          {r.automation.optedIn
            ? '; opted in to Catalyst releases'
            : '; the release agent leaves it alone'}
        </Typography>
      )}
      {r.warnings.map(warning => (
        <Typography key={warning} variant="body2" color="error" role="alert">
          {warning}
        </Typography>
      ))}

      <Section title="Why this version">
        <Typography variant="body2">
          <Chip
            size="small"
            variant="outlined"
            label={DECIDED_BY[r.reason.decidedBy]}
          />{' '}
          {r.reason.summary}
        </Typography>
        {r.reason.preMajorRule && (
          <Typography variant="body2" color="textSecondary">
            {r.reason.preMajorRule}
          </Typography>
        )}
        {r.reason.commits.length > 0 && (
          <ul aria-label="Commits that decide the version">
            {r.reason.commits.slice(0, 5).map(commit => (
              <CommitLine key={commit.hash + commit.subject} commit={commit} />
            ))}
          </ul>
        )}
      </Section>

      <Section title="Release pull request">
        {r.pullRequests.length ? (
          <ul>
            {r.pullRequests.map(pull => (
              <li key={pull.number}>
                <External href={pull.url}>
                  #{pull.number} {pull.title}
                </External>{' '}
                <Chip size="small" label={pull.state} />
              </li>
            ))}
          </ul>
        ) : (
          <Typography variant="body2" color="textSecondary">
            No open release pull request
            {r.repositoryUrl ? '' : ' (the repository is not on GitHub)'}
          </Typography>
        )}
      </Section>

      <Section title="Unreleased changes">
        {r.groups.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            No changelog entries since {r.previousTag ?? 'the first commit'}
          </Typography>
        )}
        {r.groups.map(group => (
          <Box key={group.title} component="section" aria-label={group.title}>
            <Typography variant="body2" component="h4">
              <strong>{group.title}</strong>
            </Typography>
            <ul>
              {group.commits.map(commit => (
                <CommitLine
                  key={commit.hash + commit.subject}
                  commit={commit}
                />
              ))}
            </ul>
          </Box>
        ))}
      </Section>

      <Section title="Past releases">
        {r.releases.length ? (
          <ul>
            {r.releases.map(release => (
              <li key={release.tag}>
                <External href={release.url}>{release.tag}</External>
                {release.name && ` ${release.name}`}{' '}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                >
                  <DateTime value={release.date} precision="day" />
                </Typography>
              </li>
            ))}
          </ul>
        ) : (
          <Typography variant="body2" color="textSecondary">
            No releases yet
          </Typography>
        )}
      </Section>
    </>
  );
}

/**
 * The Releases card of a component: its next version and why, the
 * unreleased commits grouped as the changelog will show them, the open
 * release pull request and the past releases.
 */
export function EntityReleasesCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const platformApi = useApi(platformApiRef);
  const { value, loading, error } = useReloadableAsync(
    () => platformApi.getReleases({ entityRef }),
    [platformApi, entityRef],
  );
  // No history to release from (a folder of another repository): a fact about the component, not a failure.
  const notFound =
    (error as { body?: { error?: { name?: string } } } | undefined)?.body?.error
      ?.name === 'NotFoundError';
  return (
    <InfoCard title="Releases" subheader={value?.package.name}>
      {loading && !value && <Progress />}
      {error && notFound && (
        <Typography variant="body2" color="textSecondary">
          {error.message}
        </Typography>
      )}
      {error && !notFound && <ResponseErrorPanel error={error} />}
      {value && <ReleasesSummary releases={value} />}
    </InfoCard>
  );
}
