import { LanguageFact } from '../types';

type Kind = LanguageFact['kind'];

const LANGUAGES: Record<string, [string, Kind]> = {
  ts: ['TypeScript', 'programming'],
  tsx: ['TypeScript', 'programming'],
  mts: ['TypeScript', 'programming'],
  cts: ['TypeScript', 'programming'],
  js: ['JavaScript', 'programming'],
  jsx: ['JavaScript', 'programming'],
  mjs: ['JavaScript', 'programming'],
  cjs: ['JavaScript', 'programming'],
  vue: ['Vue', 'programming'],
  svelte: ['Svelte', 'programming'],
  astro: ['Astro', 'programming'],
  rb: ['Ruby', 'programming'],
  rake: ['Ruby', 'programming'],
  gemspec: ['Ruby', 'programming'],
  erb: ['ERB', 'markup'],
  haml: ['Haml', 'markup'],
  slim: ['Slim', 'markup'],
  go: ['Go', 'programming'],
  py: ['Python', 'programming'],
  pyi: ['Python', 'programming'],
  ipynb: ['Jupyter Notebook', 'programming'],
  rs: ['Rust', 'programming'],
  java: ['Java', 'programming'],
  kt: ['Kotlin', 'programming'],
  kts: ['Kotlin', 'programming'],
  scala: ['Scala', 'programming'],
  groovy: ['Groovy', 'programming'],
  gradle: ['Groovy', 'programming'],
  c: ['C', 'programming'],
  h: ['C', 'programming'],
  cc: ['C++', 'programming'],
  cpp: ['C++', 'programming'],
  cxx: ['C++', 'programming'],
  hpp: ['C++', 'programming'],
  cs: ['C#', 'programming'],
  fs: ['F#', 'programming'],
  swift: ['Swift', 'programming'],
  m: ['Objective-C', 'programming'],
  php: ['PHP', 'programming'],
  ex: ['Elixir', 'programming'],
  exs: ['Elixir', 'programming'],
  erl: ['Erlang', 'programming'],
  hs: ['Haskell', 'programming'],
  ml: ['OCaml', 'programming'],
  clj: ['Clojure', 'programming'],
  dart: ['Dart', 'programming'],
  lua: ['Lua', 'programming'],
  r: ['R', 'programming'],
  jl: ['Julia', 'programming'],
  zig: ['Zig', 'programming'],
  sh: ['Shell', 'programming'],
  bash: ['Shell', 'programming'],
  zsh: ['Shell', 'programming'],
  ps1: ['PowerShell', 'programming'],
  sql: ['SQL', 'programming'],
  tf: ['HCL', 'programming'],
  hcl: ['HCL', 'programming'],
  proto: ['Protocol Buffer', 'data'],
  graphql: ['GraphQL', 'data'],
  gql: ['GraphQL', 'data'],
  css: ['CSS', 'markup'],
  scss: ['SCSS', 'markup'],
  sass: ['Sass', 'markup'],
  less: ['Less', 'markup'],
  html: ['HTML', 'markup'],
  htm: ['HTML', 'markup'],
  json: ['JSON', 'data'],
  jsonc: ['JSON', 'data'],
  yaml: ['YAML', 'data'],
  yml: ['YAML', 'data'],
  toml: ['TOML', 'data'],
  xml: ['XML', 'data'],
  csv: ['CSV', 'data'],
  md: ['Markdown', 'prose'],
  mdx: ['MDX', 'prose'],
  rst: ['reStructuredText', 'prose'],
  adoc: ['AsciiDoc', 'prose'],
  txt: ['Text', 'prose'],
};

const LANGUAGES_BY_NAME: Record<string, [string, Kind]> = {
  Dockerfile: ['Dockerfile', 'programming'],
  Makefile: ['Makefile', 'programming'],
  Rakefile: ['Ruby', 'programming'],
  Gemfile: ['Ruby', 'programming'],
  Justfile: ['Just', 'programming'],
  justfile: ['Just', 'programming'],
};

/** The language of a file by its name, or undefined for unknown files. */
export function languageOf(path: string): [string, Kind] | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const byName = LANGUAGES_BY_NAME[name];
  if (byName) return byName;
  if (name.startsWith('Dockerfile')) return LANGUAGES_BY_NAME.Dockerfile;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return LANGUAGES[name.slice(dot + 1).toLowerCase()];
}
