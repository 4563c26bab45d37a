/**
 * What the unit has sent, per stage: the stage's status, the province's review state and note,
 * and every file (version, time, on time or late, the server's verdict with every reason, the
 * cells to fix), newest first. A file with errors gets no verdict: it was never judged, and says
 * so as `dien-hinh check` does. "Đã duyệt" says what it means, since the appraisal below may
 * still read "Chưa đủ điều kiện".
 */
import { Badge, Divider, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReviewState, UnitPageResponse, UnitSubmission } from '../../../shared/api/schemas';
import { dateTimeVi } from '../../console/state/format';
import { REVIEW_STATE_LABELS, STAGE_LABELS, viPortal as t } from '../i18n/vi';
import { issuesNameCells } from '../../../shared/workbook/issues';
import { historyByStage } from '../state/page';
import { IssueList, VerdictView } from './Verdict';
import { useSectionStyles } from './styles';

const REVIEW_COLOR: Record<ReviewState, 'informative' | 'warning' | 'success' | 'danger'> = {
  received: 'informative', 'has-issues': 'warning', approved: 'success', rejected: 'danger',
};

const useStyles = makeStyles({
  stage: { display: 'flex', flexDirection: 'column', gap: '8px' },
  version: { display: 'flex', flexDirection: 'column', gap: '4px', paddingLeft: '10px', borderLeft: `3px solid ${tokens.colorNeutralStroke2}` },
  review: { padding: '8px 10px', borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground3, overflowWrap: 'anywhere' },
  file: { overflowWrap: 'anywhere' },
});

export function History({ page }: { page: UnitPageResponse }) {
  const section = useSectionStyles();
  const styles = useStyles();
  const stages = historyByStage(page);
  return (
    <section className={section.card} aria-labelledby="history-title">
      <h2 id="history-title" className={section.heading}>{t.historyTitle}</h2>
      {stages.map((s, i) => (
        <div key={s.stage} className={styles.stage} data-stage={s.stage}>
          {i > 0 && <Divider />}
          <div className={section.row}>
            <h3 className={section.subheading}>{STAGE_LABELS[s.stage]}</h3>
            <Badge appearance="outline">{t.stageStatus[s.summary?.status ?? 'not-submitted']}</Badge>
          </div>
          {s.submissions.length === 0 && <Text className={section.hint}>{t.stageNothing}</Text>}
          {s.submissions.map((sub) => <Version key={sub.id} submission={sub} counted={s.summary?.latestSubmissionId === sub.id && sub.valid} />)}
        </div>
      ))}
    </section>
  );
}

function Version({ submission: s, counted }: { submission: UnitSubmission; counted: boolean }) {
  const section = useSectionStyles();
  const styles = useStyles();
  return (
    <article className={styles.version} data-submission={s.id} aria-label={s.version === null ? `${t.versionInvalid} – ${dateTimeVi(s.receivedAt)}` : t.versionLabel(s.version)}>
      <div className={section.row}>
        <Text weight="semibold">{s.version === null ? t.versionInvalid : t.versionLabel(s.version)}</Text>
        <Text>{dateTimeVi(s.receivedAt)}</Text>
        {s.valid && <Badge appearance="tint" color={s.late ? 'warning' : 'success'}>{s.late ? t.receiptLate(s.daysLate) : t.receiptOnTime}</Badge>}
        {counted && <Badge appearance="tint" color="brand">{t.versionCounted}</Badge>}
      </div>
      <Text className={mergeClasses(section.hint, styles.file)}>{`${t.fileLabel}: ${s.fileName}`}</Text>
      {s.review && (
        <div className={styles.review} data-review={s.review.state}>
          <div className={section.row}>
            <Text weight="semibold">{`${t.reviewLabel}:`}</Text>
            <Badge appearance="filled" color={REVIEW_COLOR[s.review.state]}>{REVIEW_STATE_LABELS[s.review.state]}</Badge>
            <Text className={section.hint}>{t.reviewAt(dateTimeVi(s.review.at))}</Text>
          </div>
          {s.review.note && <Text block data-review-note>{`${t.reviewNoteLabel}: ${s.review.note}`}</Text>}
          {s.review.state === 'approved' && <Text block className={section.hint} data-approved-meaning>{t.reviewApprovedMeaning}</Text>}
        </div>
      )}
      {s.valid ? s.verdict && <VerdictView verdict={s.verdict} /> : <Text weight="semibold" data-not-judged>{t.notJudged}</Text>}
      <IssueList issues={s.errors} label={t.refusedCells(issuesNameCells(s.errors))} />
      <IssueList issues={s.warnings} label={t.warningsLabel} />
    </article>
  );
}
