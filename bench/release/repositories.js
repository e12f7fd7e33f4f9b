// Public repositories whose CHANGELOG.md is written by a release tool, read
// from a local mirror (never vendored into this repository).
module.exports = [
  { name: 'googleapis/gaxios', language: 'TypeScript', tool: 'release-please' },
  {
    name: 'googleapis/python-api-core',
    language: 'Python',
    tool: 'release-please',
  },
  { name: 'open-feature/go-sdk', language: 'Go', tool: 'release-please' },
  {
    name: 'open-feature/rust-sdk',
    language: 'Rust',
    tool: 'release-please',
    component: 'open-feature',
  },
  {
    name: 'conventional-changelog/standard-version',
    language: 'JavaScript',
    tool: 'conventional-changelog (standard-version)',
  },
  { name: 'changesets/action', language: 'TypeScript', tool: 'changesets' },
];
