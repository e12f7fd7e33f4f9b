import { usePermission } from '@backstage/plugin-permission-react';
import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';

/**
 * A button for an action that needs a permission: disabled while the
 * permission is checked, while `busy`, and for people without it, who get a
 * tooltip naming the permission.
 */
export function PermissionButton(
  props: ButtonProps & {
    /** The permission, and the resource for a resource permission. */
    access: Parameters<typeof usePermission>[0];
    /** Why it is disabled for people without the permission. */
    deniedTitle: string;
    busy?: boolean;
  },
) {
  const { access, deniedTitle, busy, disabled, ...button } = props;
  const { allowed, loading: checking } = usePermission(access);
  const element = (
    <Button {...button} disabled={!allowed || checking || busy || disabled} />
  );
  if (allowed || checking) {
    return element;
  }
  return (
    <Tooltip title={deniedTitle}>
      {/* A disabled button fires no events; the span lets the tooltip show. */}
      <span>{element}</span>
    </Tooltip>
  );
}
