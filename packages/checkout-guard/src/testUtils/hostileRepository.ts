/**
 * JavaScript that a hostile repository hides in code its tools load (a lint
 * config, a `yarnPath` release, a lifecycle script): it records what it can
 * reach in `reportFile` (the environment, a file outside the checkout and,
 * given a port, a connection to 127.0.0.1) so that a test can show what a
 * repository's code got. The file usually lands in the pull request, as an
 * attacker would want it.
 *
 * @public
 */
export function hostileProbeScript(options: {
  /** Where the report goes; a relative path is from the tool's working directory. */
  reportFile: string;
  outsideFile: string;
  port?: number;
}): string {
  const lines = [
    `const report = { env: process.env };`,
    `try {`,
    `  report.outside = require('fs').readFileSync(${JSON.stringify(
      options.outsideFile,
    )}, 'utf8');`,
    `} catch (error) {`,
    `  report.outside = 'refused: ' + error.code;`,
    `}`,
  ];
  if (options.port !== undefined) {
    const probe = `require('net').connect(${options.port}, '127.0.0.1').on('connect', () => { console.log('connected'); process.exit(0); }).on('error', e => { console.log(e.code); process.exit(0); })`;
    lines.push(
      `report.network = require('child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(
        probe,
      )}], { encoding: 'utf8', timeout: 10000 }).stdout.trim();`,
    );
  }
  lines.push(
    `require('fs').writeFileSync(${options.reportFile}, JSON.stringify(report, null, 2) + '\\n');`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * What {@link hostileProbeScript} recorded.
 *
 * @public
 */
export interface HostileProbeReport {
  env: Record<string, string>;
  /** The outside file's text, or `refused: <code>`. */
  outside: string;
  /** `connected`, or the error code of the connection to 127.0.0.1. */
  network?: string;
}

/**
 * The backend secrets a probe report shows: `secrets` found anywhere in it,
 * and variables named like tokens, passwords or database settings. Empty
 * when the tool got none.
 *
 * @public
 */
export function leakedSecrets(
  report: HostileProbeReport,
  secrets: string[],
): string[] {
  const text = JSON.stringify(report);
  return [
    ...secrets.filter(secret => text.includes(secret)),
    ...Object.keys(report.env).filter(name =>
      /TOKEN|SECRET|PASSWORD|DATABASE|POSTGRES|BACKSTAGE/.test(name),
    ),
  ];
}
