/**
 * Why a unit does not qualify, as a tooltip over its "Không đạt" badge. In the controls chunk
 * (see App.tsx): Fluent's tooltip brings its positioning library, which the first rows need not
 * wait for; until it loads, the badge shows alone.
 */
import type { ReactElement } from 'react';
import { makeStyles, Tooltip } from '@fluentui/react-components';

const useStyles = makeStyles({
  reasons: { margin: 0, paddingLeft: '16px' },
});

export default function ReasonsTooltip({ reasons, children }: { reasons: readonly string[]; children: ReactElement }) {
  const styles = useStyles();
  return (
    <Tooltip relationship="description" content={<ul className={styles.reasons}>{reasons.map((r) => <li key={r}>{r}</li>)}</ul>}>
      {children}
    </Tooltip>
  );
}
