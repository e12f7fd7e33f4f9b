import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { FilterTextField } from '../../shared/FilterTextField';
import type { ComplianceParams } from './complianceQuery';

/** The overview's filters: drifted or compliant, the pack, and text in the entity ref. */
export function ComplianceFilters(props: {
  value: ComplianceParams;
  onChange: (change: Partial<ComplianceParams>) => void;
}) {
  const { value, onChange } = props;
  return (
    <div role="search" aria-label="Compliance filters">
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-end"
        style={{ gap: 16 }}
      >
        <FormControl style={{ minWidth: 160 }}>
          <InputLabel id="compliance-drifted-filter">Status</InputLabel>
          <Select
            labelId="compliance-drifted-filter"
            value={value.drifted}
            onChange={e =>
              onChange({
                drifted: e.target.value as ComplianceParams['drifted'],
              })
            }
          >
            <MenuItem value="">Any</MenuItem>
            <MenuItem value="true">Drifted</MenuItem>
            <MenuItem value="false">Compliant</MenuItem>
          </Select>
        </FormControl>
        <FilterTextField
          label="Pack"
          value={value.pack}
          placeholder="node-service"
          onCommit={pack => onChange({ pack })}
        />
        <FilterTextField
          label="Search"
          value={value.q}
          placeholder="payments"
          onCommit={q => onChange({ q })}
        />
      </Box>
    </div>
  );
}
