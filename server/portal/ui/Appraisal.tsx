/**
 * The appraisal result, once the province has published it: the verdict and self vs council
 * scores. The "Thẩm định" column reads as the biên bản thẩm định does: the score that counts, the
 * self-score where the council kept it, "(chấm lại)" where it changed it.
 */
import { Text } from '@fluentui/react-components';
import type { UnitPageResponse } from '../../../shared/api/schemas';
import { dateTimeVi, scoreVi } from '../../console/state/format';
import { viPortal as t } from '../i18n/vi';
import { VerdictView } from './Verdict';
import { useSectionStyles } from './styles';

export function Appraisal({ appraisal }: { appraisal: UnitPageResponse['appraisal'] }) {
  const styles = useSectionStyles();
  // A pass-fail criterion has no maximum to show (its 1 is Đạt).
  const { max: _max, ...passFailColumns } = t.appraisalColumns;
  const columns = Object.values(appraisal?.passFail ? passFailColumns : t.appraisalColumns);
  const shown = (score: number | null) => (score === null ? t.none : appraisal?.passFail ? (score >= 1 ? t.passed : t.failed) : scoreVi(score));
  return (
    <section className={styles.card} aria-labelledby="appraisal-title" data-appraisal={appraisal ? 'published' : 'pending'}>
      <h2 id="appraisal-title" className={styles.heading}>{t.appraisalTitle}</h2>
      {!appraisal ? <Text className={styles.hint}>{t.appraisalPending}</Text> : (
        <>
          <Text className={styles.hint}>{t.appraisalPublishedAt(dateTimeVi(appraisal.publishedAt))}</Text>
          <VerdictView verdict={appraisal.verdict} />
          {!appraisal.appraised && <Text>{t.appraisalOnSelf}</Text>}
          <div style={{ overflowX: 'auto' }}>
            <table aria-label={t.appraisalTableLabel} style={{ borderCollapse: 'collapse', minWidth: '280px' }}>
              <thead>
                <tr>{columns.map((c) => <th key={c} scope="col" style={{ textAlign: 'left', padding: '2px 10px 2px 0' }}>{c}</th>)}</tr>
              </thead>
              <tbody>
                {appraisal.scores.map((s) => (
                  <tr key={s.number}>
                    <th scope="row" style={{ textAlign: 'left', fontWeight: 'normal', padding: '2px 10px 2px 0' }}>{s.number}</th>
                    {!appraisal.passFail && <td>{scoreVi(s.max)}</td>}
                    <td>{shown(s.self)}</td>
                    <td>{shown(s.appraised ?? s.self)}{s.appraised !== null && s.appraised !== s.self ? t.appraisalChanged : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
