import type { IncidentInvestigation } from '@catalyst/plugin-observability-common';
import { describeChange } from './ranking/rankCauses';

type Draft = Omit<IncidentInvestigation, 'id' | 'createdAt' | 'updatedAt'>;

// Backticks and pipes in untrusted text would break out of code spans and tables.
const cell = (text: string) =>
  text.replace(/[`|]/g, "'").replace(/\s+/g, ' ').slice(0, 300);

/** The GitHub issue of an investigation: title and Markdown body. */
export function renderIssue(investigation: Draft): {
  title: string;
  body: string;
} {
  const top = investigation.causes[0];
  const lines = [
    `Catalyst investigated the alert **${cell(
      investigation.alertName,
    )}** on \`${investigation.entityRef}\`, firing since ${
      investigation.episodeStart
    }.`,
    '',
    '## Probable causes',
    '',
    ...(investigation.causes.length
      ? investigation.causes.map(
          c =>
            `${c.rank}. ${
              c.url ? `[${cell(c.title)}](${c.url})` : cell(c.title)
            } — ${cell(c.reason)}`,
        )
      : ['No merged change or new error pattern stands out.']),
    '',
    '## Golden signals (before → during)',
    '',
    ...investigation.signals
      .filter(s => s.before !== null && s.during !== null)
      .map(s => `- ${describeChange(s)}`),
    '',
    '## Error log patterns',
    '',
    '| pattern | before | during |',
    '| --- | ---: | ---: |',
    ...investigation.logPatterns.map(
      p => `| \`${cell(p.pattern)}\` | ${p.before} | ${p.during} |`,
    ),
    '',
    '## Merged changes',
    '',
    ...investigation.changes.map(
      c =>
        `- [${c.repository}#${c.number}](${c.url}) ${cell(c.title)} (merged ${
          c.mergedAt
        }${c.relation === 'dependency' ? `, dependency ${c.entityRef}` : ''}${
          c.scopes.length ? `, scopes ${c.scopes.join(', ')}` : ''
        }${c.specTasks.length ? `, tasks ${c.specTasks.join(', ')}` : ''})`,
    ),
    ...(investigation.deployments?.length
      ? [
          '',
          '## Deployments',
          '',
          ...investigation.deployments.map(
            d =>
              `- [${d.repository} ${cell(d.ref)}](${d.url}) \`${d.sha.slice(
                0,
                7,
              )}\` to ${cell(d.environment)} (created ${d.createdAt}${
                d.relation === 'dependency' ? `, dependency ${d.entityRef}` : ''
              }${d.description ? `, ${cell(d.description)}` : ''})`,
          ),
        ]
      : []),
    ...(investigation.relatedAlerts.length
      ? [
          '',
          '## Related alerts',
          '',
          ...investigation.relatedAlerts.map(
            a => `- ${cell(a.alertName)} (${a.status} since ${a.startsAt})`,
          ),
        ]
      : []),
    ...(investigation.warnings.length
      ? [
          '',
          '## Not read',
          '',
          ...investigation.warnings.map(w => `- ${cell(w)}`),
        ]
      : []),
  ];
  return {
    title: `Incident: ${investigation.alertName.slice(0, 100)} on ${
      investigation.entityRef
    }${
      top && top.kind !== 'log_pattern'
        ? ` — probably ${top.title.slice(0, 100)}`
        : ''
    }`,
    body: lines.join('\n'),
  };
}
