/**
 * The server's verdict on a workbook (every reason; a pass-fail set's result as the documents
 * write it, "Đạt 6/6 tiêu chí"), and the cells to fix, as `'Sheet'!Cell: what to fix`.
 */
import { Badge, Text } from '@fluentui/react-components';
import type { Verdict as VerdictValue } from '../../../shared/api/schemas';
import { verdictResultText } from '../../../shared/scoring/verdict';
import type { ReadIssue } from '../api/client';
import { viPortal as t } from '../i18n/vi';
import { issueLine } from '../../../shared/workbook/issues';
import { useSectionStyles } from './styles';

export function VerdictView({ verdict }: { verdict: VerdictValue }) {
  const styles = useSectionStyles();
  const result = verdictResultText(verdict);
  return (
    <div data-verdict={verdict.eligible ? 'eligible' : 'not-eligible'}>
      <div className={styles.row}>
        <Badge appearance="filled" color={verdict.eligible ? 'success' : 'danger'}>{verdict.eligible ? t.verdictEligible : t.verdictNotEligible}</Badge>
        {result && <Text weight="semibold">{result}</Text>}
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
