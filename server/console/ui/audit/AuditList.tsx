/** Audit entries as a table: when, who (the admin token's label or the unit), what (in words; the stored code is kept as `data-action`), on which unit. */
import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import type { AuditEntry } from '../../../../shared/api/schemas';
import { viConsole as t } from '../../i18n/vi';
import { dateTimeVi } from '../../state/format';

const useStyles = makeStyles({
  at: { whiteSpace: 'nowrap', width: '140px' },
  actor: { width: '140px' },
  action: { width: '190px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function AuditList({ entries, unitNames, emptyText }: { entries: AuditEntry[]; unitNames?: ReadonlyMap<string, string>; emptyText: string }) {
  const styles = useStyles();
  if (entries.length === 0) return <Text className={styles.muted}>{emptyText}</Text>;
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <Table size="small" aria-label={t.auditCaption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.at}>{t.auditColumns.at}</TableHeaderCell>
          <TableHeaderCell className={styles.actor}>{t.auditColumns.actor}</TableHeaderCell>
          <TableHeaderCell className={styles.action}>{t.auditColumns.action}</TableHeaderCell>
          {unitNames && <TableHeaderCell>{t.auditColumns.unit}</TableHeaderCell>}
          <TableHeaderCell>{t.auditColumns.detail}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {sorted.map((e, i) => (
          <TableRow key={`${e.at}-${i}`}>
            <TableCell className={styles.at}>{dateTimeVi(e.at)}</TableCell>
            <TableCell className={styles.actor}>{e.actor}</TableCell>
            <TableCell className={styles.action} data-action={e.action}>{e.actionLabel}</TableCell>
            {unitNames && <TableCell>{e.unitId ? unitNames.get(e.unitId) ?? e.unitId : t.none}</TableCell>}
            <TableCell>{e.detail}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
