import {
  CodeSnippet,
  MarkdownContent,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { SpecFileContent } from '@catalyst/plugin-platform-common';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef, SpecLocator } from '../../../api';

const CODE_LANGUAGES: Record<string, string> = {
  'application/yaml': 'yaml',
  'application/json': 'json',
};

/** One document of a spec folder: markdown rendered, contracts as code. */
export function SpecDocumentContent(props: SpecLocator & { path: string }) {
  const { entityRef, slug, path } = props;
  const platformApi = useApi(platformApiRef);
  const { value, loading, error } = useAsync(
    () => platformApi.getSpecFile({ entityRef, slug, path }),
    [platformApi, entityRef, slug, path],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  return value ? <SpecFileView file={value} /> : null;
}

function SpecFileView(props: { file: SpecFileContent }) {
  const { file } = props;
  if (file.mediaType === 'text/markdown' || /\.md$/i.test(file.path)) {
    return <MarkdownContent content={file.content} dialect="gfm" />;
  }
  const language =
    CODE_LANGUAGES[file.mediaType] ??
    (/\.ya?ml$/i.test(file.path) ? 'yaml' : undefined) ??
    (/\.json$/i.test(file.path) ? 'json' : 'text');
  return (
    <CodeSnippet
      text={file.content.replace(/\n$/, '')}
      language={language}
      showLineNumbers
      showCopyCodeButton
    />
  );
}
