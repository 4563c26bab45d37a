/** Every file received from the unit this year, newest first per stage, with what changed. */
import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { UnitSubmissionsResponse } from '../../../../shared/api/schemas';
import { REVIEW_STATE_LABELS, STAGE_LABELS, viConsole as t } from '../../i18n/vi';
import { issuesNameCells } from '../../../../shared/workbook/issues';
import { IssueItems } from '../IssueItems';
import { dateTimeVi, scoreVi } from '../../state/format';
import { describeChange, versionsForDisplay } from '../../state/review';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '8px' },
  item: { padding: '10px 12px', borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}`, display: 'flex', flexDirection: 'column', gap: '4px' },
  head: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  stage: { fontWeight: tokens.fontWeightSemibold },
  meta: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  changes: { margin: 0, paddingLeft: '18px', fontSize: tokens.fontSizeBase200 },
  issues: { margin: 0, paddingLeft: '18px', fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteRedForeground1 },
  warnings: { margin: 0, paddingLeft: '18px', fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteDarkOrangeForeground1 },
  cell: { fontFamily: tokens.fontFamilyMonospace },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function VersionsTab({ data }: { data: UnitSubmissionsResponse }) {
  const styles = useStyles();
  const versions = versionsForDisplay(data.submissions);
  if (versions.length === 0) return <Text className={styles.muted}>{t.versionsEmpty}</Text>;
  return (
    <ul className={styles.list}>
      {versions.map((v) => (
        <li key={v.id} className={styles.item} data-submission={v.id}>
          <div className={styles.head}>
            <span className={styles.stage}>{STAGE_LABELS[v.stage]}</span>
            {v.valid && v.version !== null
              ? <Badge appearance="tint" color="brand">{t.versionLabel(v.version)}</Badge>
              : <Badge appearance="tint" color="danger">{t.versionInvalid}</Badge>}
            {v.late && <Badge appearance="tint" color="warning">{t.versionLate}</Badge>}
            {v.review && <Badge appearance="outline" color={v.review === 'approved' ? 'success' : v.review === 'rejected' ? 'danger' : 'informative'}>{REVIEW_STATE_LABELS[v.review]}</Badge>}
            <span className={styles.meta}>{t.versionReceived(dateTimeVi(v.receivedAt))}</span>
          </div>
          <span className={styles.meta}>
            {t.versionFile(v.fileName)}{v.result.total !== null ? ` · ${t.versionTotal(scoreVi(v.result.total))}` : ''}
          </span>
          {v.valid && v.version !== null && (
            v.version === 1 ? <span className={styles.meta}>{t.versionFirst}</span>
              : v.changes.length === 0 ? <span className={styles.meta}>{t.versionNoChanges}</span>
              : (
                <>
                  <span className={styles.meta}>{t.versionChangesTitle}</span>
                  <ul className={styles.changes}>{v.changes.map((c) => <li key={c.number}>{describeChange(c)}</li>)}</ul>
                </>
              )
          )}
          {!v.valid && v.result.errors.length > 0 && (
            <>
              <span className={styles.meta}>{t.versionErrorsTitle(issuesNameCells(v.result.errors))}</span>
              <IssueItems issues={v.result.errors} className={styles.issues} placeClassName={styles.cell} />
            </>
          )}
          {v.valid && v.result.warnings.length > 0 && (
            <>
              <span className={styles.meta}>{t.versionWarningsTitle}</span>
              <IssueItems issues={v.result.warnings} className={styles.warnings} placeClassName={styles.cell} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
