import { spawn } from 'node:child_process';
import { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Serves git's smart HTTP protocol (clone, fetch) for the bare repositories
 * under `projectRoot` through `git http-backend`, git's own CGI program.
 */
export function serveGitHttp(
  req: IncomingMessage,
  res: ServerResponse,
  options: { projectRoot: string; pathInfo: string; query: string },
): void {
  const child = spawn('git', ['http-backend'], {
    env: {
      ...process.env,
      GIT_PROJECT_ROOT: options.projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: options.pathInfo,
      QUERY_STRING: options.query,
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      REMOTE_USER: 'x-access-token',
      REMOTE_ADDR: '127.0.0.1',
    },
  });
  const output: Buffer[] = [];
  const errors: Buffer[] = [];
  child.stdout.on('data', chunk => output.push(chunk));
  child.stderr.on('data', chunk => errors.push(chunk));
  child.on('close', code => {
    const data = Buffer.concat(output);
    const split = data.indexOf('\r\n\r\n');
    if (code !== 0 || split === -1) {
      res.statusCode = 500;
      res.end(`git http-backend failed: ${Buffer.concat(errors).toString()}`);
      return;
    }
    res.statusCode = 200;
    for (const line of data.subarray(0, split).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') res.statusCode = parseInt(value, 10);
      else res.setHeader(name, value);
    }
    res.end(data.subarray(split + 4));
  });
  req.pipe(child.stdin);
}
