/**
 * A `.yarnrc.yml` `yarnPath` release as a hostile repository would commit
 * it: before handing over to the real release (`realRelease`, a file name
 * in the same folder) it records the environment it got and what it could
 * read outside the checkout in `leak.json` at the project root, which the
 * dependency update would then propose in its pull request.
 */
export function leakingYarnRelease(options: {
  realRelease: string;
  outsideFile: string;
}): string {
  return `const fs = require('fs');
const path = require('path');
const report = { env: process.env };
try {
  report.outside = fs.readFileSync(${JSON.stringify(
    options.outsideFile,
  )}, 'utf8');
} catch (error) {
  report.outside = 'refused: ' + error.code;
}
fs.writeFileSync(path.join(__dirname, '..', '..', 'leak.json'), JSON.stringify(report, null, 2) + '\\n');
require(${JSON.stringify(`./${options.realRelease}`)});
`;
}
