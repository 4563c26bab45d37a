/** The server's verdict on a workbook (every reason) and the cells to fix, as `'Sheet'!Cell: what to fix`. */
import { Badge, Text } from '@fluentui/react-components';
import type { Verdict as VerdictValue } from '../../../shared/api/schemas';
import { scoreVi } from '../../console/state/format';
import type { ReadIssue } from '../api/client';
import { viPortal as t } from '../i18n/vi';
import { issueLine } from '../../../shared/workbook/issues';
import { useSectionStyles } from './styles';

export function VerdictView({ verdict }: { verdict: VerdictValue }) {
  const styles = useSectionStyles();
  return (
    <div>
      <div className={styles.row}>
        <Badge appearance="filled" color={verdict.eligible ? 'success' : 'danger'}>{verdict.eligible ? t.verdictEligible : t.verdictNotEligible}</Badge>
        {verdict.total !== null && verdict.max !== null && (
          <Text weight="semibold">{t.verdictTotal(scoreVi(verdict.total), scoreVi(verdict.max), verdict.threshold === null ? null : scoreVi(verdict.threshold))}</Text>
        )}
      </div>
      {verdict.reasons.length > 0 && <ul className={styles.list} aria-label={t.reasonsLabel}>{verdict.reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
    </div>
  );
}

export function IssueList({ issues, label }: { issues: readonly ReadIssue[]; label: string }) {
  const styles = useSectionStyles();
  if (issues.length === 0) return null;
  return (
    <ul className={styles.issues} aria-label={label} data-issues>
      {issues.map((issue, i) => <li key={i}>{issueLine(issue)}</li>)}
    </ul>
  );
}
