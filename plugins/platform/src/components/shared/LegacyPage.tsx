import { Header, Page } from '@backstage/core-components';
import type { ReactNode } from 'react';

/**
 * The page shell of legacy apps; on the new frontend system the app's page
 * layout draws the header, so pages there render their content only.
 */
export function LegacyPage(props: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  return (
    <Page themeId="tool">
      <Header title={props.title} subtitle={props.subtitle} />
      {props.children}
    </Page>
  );
}
