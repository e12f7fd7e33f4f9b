import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { ReactNode, useState } from 'react';

/** One view of a {@link TabbedCard}. */
export interface CardTab {
  label: string;
  content: ReactNode;
}

/**
 * A card with scrollable tabs, one view shown at a time. When the tabs
 * change (a tab disappears), the selection stays within them.
 */
export function TabbedCard(props: { label: string; tabs: CardTab[] }) {
  const { label, tabs } = props;
  const [selected, setSelected] = useState(0);
  const index = Math.min(selected, tabs.length - 1);
  return (
    <InfoCard noPadding>
      <Tabs
        value={index}
        onChange={(_, next) => setSelected(next)}
        indicatorColor="primary"
        variant="scrollable"
        aria-label={label}
      >
        {tabs.map(tab => (
          <Tab key={tab.label} label={tab.label} />
        ))}
      </Tabs>
      <Box p={2} role="tabpanel" aria-label={tabs[index].label}>
        {tabs[index].content}
      </Box>
    </InfoCard>
  );
}
