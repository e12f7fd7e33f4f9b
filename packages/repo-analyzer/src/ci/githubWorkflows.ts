import { Checkout } from '../checkout/Checkout';
import { asRecord, asString, asStrings } from '../checkout/asRecord';
import { CiStepFact, CiWorkflowFact } from '../types';

/** Lines of a `run:` block that are shell plumbing, not checks. */
const PLUMBING =
  /^(echo|printf|cd|mkdir|export|cat|ls|rm|cp|mv|touch|chmod|sudo apt|apt-get|apt|brew|curl|wget|git (config|fetch|checkout|diff --exit-code|status)|if|then|else|elif|fi|for|do|done|while|case|esac|set|exit|source|\.|\{|\}|#|\w+=)\b|^\$\{\{|^[)(]/;

function triggersOf(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return asStrings(on);
  return Object.keys(asRecord(on) ?? {});
}

/** Splits a `run:` script into command lines, joining `\` continuations and dropping plumbing. */
export function commandLines(script: string): string[] {
  const joined = script.replace(/\\\r?\n\s*/g, ' ');
  const lines: string[] = [];
  for (const raw of joined.split('\n')) {
    for (const part of raw.split(/\s*&&\s*/)) {
      const line = part.trim().replace(/\s+/g, ' ');
      if (line && !PLUMBING.test(line)) lines.push(line);
    }
  }
  return lines;
}

/** Every GitHub Actions workflow: its triggers, and the commands and actions its jobs run. */
export function readGithubWorkflows(checkout: Checkout): CiWorkflowFact[] {
  const workflows: CiWorkflowFact[] = [];
  const files = checkout
    .filesIn('.github/workflows')
    .map(f => f.path)
    .filter(p => /\.ya?ml$/.test(p));
  for (const file of files) {
    const workflow = asRecord(checkout.readYaml(file));
    if (!workflow) continue;
    const text = checkout.readText(file) ?? '';
    const lines = text.split('\n');
    // `on:` parses as the boolean true in YAML 1.1 readers; the yaml package keeps it a string.
    const triggers = triggersOf(workflow.on ?? workflow.true).sort();
    const steps: CiStepFact[] = [];
    let searchFrom = 0;
    const lineOf = (needle: string): number | undefined => {
      for (let i = searchFrom; i < lines.length; i++) {
        if (lines[i].includes(needle)) {
          searchFrom = i;
          return i + 1;
        }
      }
      const index = lines.findIndex(l => l.includes(needle));
      return index >= 0 ? index + 1 : undefined;
    };
    for (const [jobId, jobValue] of Object.entries(
      asRecord(workflow.jobs) ?? {},
    )) {
      const job = asRecord(jobValue);
      if (!job) continue;
      const jobName = asString(job.name) ?? jobId;
      if (asString(job.uses))
        steps.push({
          job: jobName,
          uses: job.uses as string,
          source: { file, line: lineOf(job.uses as string) },
        });
      for (const stepValue of Array.isArray(job.steps) ? job.steps : []) {
        const step = asRecord(stepValue);
        if (!step) continue;
        const uses = asString(step.uses);
        if (uses)
          steps.push({
            job: jobName,
            uses,
            source: { file, line: lineOf(uses) },
          });
        const run = asString(step.run);
        if (!run) continue;
        // A step that runs in a subfolder runs there, not at the root.
        const dir = (
          asString(step['working-directory']) ??
          asString(asRecord(asRecord(job.defaults)?.run)?.['working-directory'])
        )
          ?.replace(/^\.\//, '')
          .replace(/\/$/, '');
        if (dir?.includes('${{')) continue;
        const cd = dir && dir !== '.' ? `cd ${dir} && ` : '';
        for (const command of commandLines(run)) {
          steps.push({
            job: jobName,
            run: `${cd}${command}`,
            source: {
              file,
              line: lineOf(command.split(' ').slice(0, 2).join(' ')),
            },
          });
        }
      }
    }
    workflows.push({
      file,
      name: asString(workflow.name),
      triggers,
      onPullRequest: triggers.some(
        t =>
          t === 'pull_request' ||
          t === 'pull_request_target' ||
          t === 'merge_group',
      ),
      steps,
      source: {
        file,
        line:
          lines.findIndex(l => /^(on|"on"|'on')\s*:/.test(l)) + 1 || undefined,
      },
    });
  }
  return workflows;
}
