/** The appraisal result, once the province has published it: the verdict and self vs council scores. */
import { Text } from '@fluentui/react-components';
import type { UnitPageResponse } from '../../../shared/api/schemas';
import { dateTimeVi, scoreVi } from '../../console/state/format';
import { viPortal as t } from '../i18n/vi';
import { VerdictView } from './Verdict';
import { useSectionStyles } from './styles';

export function Appraisal({ appraisal }: { appraisal: UnitPageResponse['appraisal'] }) {
  const styles = useSectionStyles();
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
                <tr>{Object.values(t.appraisalColumns).map((c) => <th key={c} scope="col" style={{ textAlign: 'left', padding: '2px 10px 2px 0' }}>{c}</th>)}</tr>
              </thead>
              <tbody>
                {appraisal.scores.map((s) => (
                  <tr key={s.number}>
                    <th scope="row" style={{ textAlign: 'left', fontWeight: 'normal', padding: '2px 10px 2px 0' }}>{s.number}</th>
                    <td>{scoreVi(s.max)}</td>
                    <td>{s.self === null ? t.none : scoreVi(s.self)}</td>
                    <td>{s.appraised === null ? t.none : scoreVi(s.appraised)}</td>
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
