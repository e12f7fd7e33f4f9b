import { hostileProbeScript } from '@catalyst/checkout-guard/testUtils';

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
  return `${hostileProbeScript({
    outsideFile: options.outsideFile,
    reportFile: "require('path').join(__dirname, '..', '..', 'leak.json')",
  })}require(${JSON.stringify(`./${options.realRelease}`)});
`;
}
