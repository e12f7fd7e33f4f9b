import { Sidebar, SidebarItem, SidebarPage } from '@backstage/core-components';
import AssignmentIcon from '@material-ui/icons/Assignment';
import BuildIcon from '@material-ui/icons/Build';
import CategoryIcon from '@material-ui/icons/Category';
import RuleIcon from '@material-ui/icons/PlaylistAddCheck';
import TimelineIcon from '@material-ui/icons/Timeline';
import type { PropsWithChildren } from 'react';

/** The sidebar: the catalog and Catalyst's pages. */
export function Root(props: PropsWithChildren<{}>) {
  return (
    <SidebarPage>
      <Sidebar>
        <SidebarItem icon={CategoryIcon} to="catalog" text="Catalog" />
        <SidebarItem icon={AssignmentIcon} to="specs" text="Specs" />
        <SidebarItem
          icon={BuildIcon}
          to="platform-tasks"
          text="Platform tasks"
        />
        <SidebarItem icon={RuleIcon} to="conventions" text="Conventions" />
        <SidebarItem
          icon={TimelineIcon}
          to="observability"
          text="Observability"
        />
      </Sidebar>
      {props.children}
    </SidebarPage>
  );
}
